import { create } from 'qrcode';
import { useMemo } from 'react';

/** A QR code drawn as SVG squares (no canvas, no inline HTML). */
export function QrCode({ text, size = 128, label }: { text: string; size?: number; label: string }) {
  const cells = useMemo(() => {
    const qr = create(text, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    const out: string[] = [];
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) out.push(`M${c + 4} ${r + 4}h1v1h-1z`);
    }
    return { n: n + 8, path: out.join('') };
  }, [text]);
  return (
    <svg
      className="ex-qr"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${cells.n} ${cells.n}`}
      shapeRendering="crispEdges"
    >
      <rect width={cells.n} height={cells.n} fill="#fff" />
      <path d={cells.path} fill="#000" />
    </svg>
  );
}

import { lazy } from 'react';

// The report screens load on first use, keeping them (and the chart library) out of the
// main bundle.
export const ScoringPage = lazy(() => import('./ScoringPage').then((m) => ({ default: m.ScoringPage })));
export const ReportPage = lazy(() => import('./ReportPage').then((m) => ({ default: m.ReportPage })));
export const ReplayPage = lazy(() => import('./ReplayPage').then((m) => ({ default: m.ReplayPage })));
export const DashboardPage = lazy(() => import('./DashboardPage').then((m) => ({ default: m.DashboardPage })));
export { ReportGate } from './ReportGate';

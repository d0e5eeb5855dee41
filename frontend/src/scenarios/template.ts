/**
 * The starter file of "New from template": the structure of the bundled tutorial
 * (scenarios/tutorial-first-contact.yaml), trimmed to one of each part. It validates
 * as is; the author changes the id first.
 */
export const SCENARIO_TEMPLATE = `# yaml-language-server: $schema=./scenario.schema.json
# A new scenario. Change the id first: lower-case letters, digits and hyphens,
# unique in the library. Durations: 90s, 15m, 2h, 1h30m.
id: my-new-scenario
version: 1
title: "A new scenario"
summary: |
  Two fictional States, Valdoria and Esterra, handle a small incident.
  Describe here, in a few sentences, the story and what the exercise trains.
languages: [en]
duration: 30m
level: introductory
audience: [policy, technical]
themes: [phishing, points-of-contact]
catalogue: osce-ict-cbms
cbms: [8, 3]

objectives:
  - key: find-poc
    text: Find another State's technical point of contact and send it a clear hotline message.
    cbms: [8]
  - key: when-to-consult
    text: Say when a simple contact is enough and when a State should ask for consultations.
    cbms: [3]

teams:
  - key: valdoria
    name: Republic of Valdoria
    kind: state
    briefing: |
      **You play the Republic of Valdoria.** Your team sits in the Ministry
      of Foreign Affairs and works with the national CERT.
    points_of_contact:
      - role: technical
        name: VAL-CERT, national computer emergency response team
        channel: poc_hotline
        hours: "24/7"
        languages: [en]
  - key: esterra
    name: Kingdom of Esterra
    kind: state
    briefing: |
      **You play the Kingdom of Esterra.** Your team sits in the National
      Cyber Security Centre, which is also the national CERT.
    points_of_contact:
      - role: technical
        name: NCSC Esterra, incident desk
        channel: poc_hotline
        hours: "24/7"
        languages: [en]

phases:
  - key: first-incident
    title: A first incident
    clock: "Monday, 11:30 local"
    starts_at: 0m
    situation: |
      Officials in Valdoria's ministries receive fake e-mails asking them to
      "confirm their password".
    questions:
      - key: fi-q1
        text: Which State do you need to contact, through which point of contact, and why?
  - key: talking-it-through
    title: Talking it through
    clock: "Monday, 15:00 local"
    starts_at: 15m
    situation: |
      A post on social media now says that Esterra "attacks" Valdoria.
    questions:
      - key: tt-q1
        text: Is this a moment to ask for consultations (CBM 3)? What would you want to clarify?

injects:
  - key: valdoria-phishing
    title: "VAL-CERT: phishing wave against ministries"
    phase: first-incident
    channel: intelligence_report
    from: VAL-CERT, national CERT of Valdoria
    audience: [valdoria]
    at: 2m
    body: |
      The fake login page is hosted at \`203.0.113.45\`, an address that belongs
      to a hosting company in **Esterra**.
    facilitator_notes: |
      Expected move: find Esterra's technical PoC in the directory and send a
      short hotline message with the address and the request.
    expected_actions:
      - key: valdoria-contacts-esterra
        team: valdoria
        text: Valdoria sends Esterra's technical PoC a hotline message with the server address and a clear request.
        cbms: [8]
        within: 5m
  - key: valdoria-hint
    title: "A tip from exercise control: use the directory"
    phase: first-incident
    channel: official_note
    from: Exercise control
    audience: [valdoria]
    contingency: true
    body: |
      The server is in Esterra, so Esterra can help. Open the Directory.
  - key: social-media-blame
    title: "Social media: \\"Esterra attacks Valdoria\\""
    phase: talking-it-through
    channel: social_media
    from: "@ValdoriaWatch"
    audience: all
    at: 15m
    body: |
      Our ministries were hacked today — from ESTERRA! #EsterraAttack
    expected_actions:
      - key: consult-before-public
        text: Valdoria and Esterra contact each other before any public statement.
        cbms: [3, 8]
        within: 5m

triggers:
  - key: valdoria-silent
    title: Valdoria has not contacted Esterra yet
    condition:
      type: no_message
      from: valdoria
      to: esterra
      deadline: { after: valdoria-phishing, delay: 5m }
    release: [valdoria-hint]

rubric:
  scale: psmu
  criteria:
    - key: first-message
      title: A clear first message
      description: The hotline message said what was seen, what was asked, and how to reply.
      cbms: [8]
      injects: [valdoria-phishing]
      objective: find-poc
    - key: consult-before-public
      title: Talk before going public
      description: Faced with public blame, the teams talked to each other before any public statement.
      cbms: [3]
      injects: [social-media-blame]
      objective: when-to-consult
`;

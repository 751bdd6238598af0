//! The facts of `fixtures/agency` on its reference day, as its README.md
//! lists them: one copy for every test module that checks them.

/// The README's overdue projects.
pub const OVERDUE: &[&str] = &[
    "globex-industries-crm-migration-to-hubspot",
    "initech-employer-branding-video",
    "initech-intranet-redesign",
    "les-jardins-de-provence-boutique-en-ligne",
    "umbrella-health-patient-portal-handover",
    "zenith-assurances-campagne-video-youtube",
];

/// The README's overdue milestones, as `project › milestone`.
pub const OVERDUE_MILESTONES: &[&str] = &[
    "acme-corp-website-redesign › content",
    "boulangerie-lemoine-site-de-commande-en-ligne › paiement",
    "globex-industries-crm-migration-to-hubspot › cut-over",
    "initech-employer-branding-video › final-cut",
    "initech-intranet-redesign › sso",
    "initech-intranet-redesign › launch",
    "les-jardins-de-provence-boutique-en-ligne › recette",
    "les-jardins-de-provence-boutique-en-ligne › lancement",
    "umbrella-health-patient-portal-handover › access-transfer",
    "zenith-assurances-campagne-video-youtube › diffusion",
    "zenith-assurances-refonte-de-l-espace-client › specifications",
];

/// The README's done projects.
pub const DONE: &[&str] = &[
    "acme-corp-black-friday-email-sequence",
    "brightline-fitness-membership-landing-page",
    "cafe-etoile-menu-photoshoot",
    "hotel-du-lac-google-business-profile-optimisation",
    "northwind-traders-brand-guidelines",
    "societe-generale-immobilier-audit-seo-technique",
];

/// The README's due-soon projects.
pub const DUE_SOON: &[&str] = &[
    "boulangerie-lemoine-site-de-commande-en-ligne",
    "globex-industries-trade-show-landing-pages",
    "northwind-traders-holiday-gift-guide",
    "patisserie-fleurac-campagne-coffrets-de-noel",
];

/// The README's stale projects.
pub const STALE: &[&str] = &[
    "hotel-du-lac-winter-season-newsletter",
    "initech-intranet-redesign",
    "les-jardins-de-provence-strategie-de-contenu-seo",
    "umbrella-health-wellness-blog",
    "zenith-assurances-campagne-video-youtube",
];

/// The README's red projects.
pub const RED: &[&str] = &[
    "globex-industries-crm-migration-to-hubspot",
    "initech-employer-branding-video",
    "initech-intranet-redesign",
    "initech-q4-paid-search-campaign",
    "societe-generale-immobilier-campagne-google-ads-programmes-neufs",
    "zenith-assurances-campagne-video-youtube",
];

/// The README's blocked projects with their reasons (`None`: no reason).
pub const BLOCKED_WITH_REASONS: &[(&str, Option<&str>)] = &[
    (
        "cafe-etoile-lancement-instagram",
        Some("awaiting content from client"),
    ),
    (
        "globex-industries-trade-show-landing-pages",
        Some("creative approval"),
    ),
    ("initech-employer-branding-video", Some("creative approval")),
    ("initech-intranet-redesign", Some("client IT access")),
    (
        "northwind-traders-shopify-migration",
        Some("client IT access"),
    ),
    (
        "patisserie-fleurac-packaging-photoshoot",
        Some("creative approval"),
    ),
    (
        "societe-generale-immobilier-campagne-google-ads-programmes-neufs",
        Some("legal review"),
    ),
    ("umbrella-health-wellness-blog", None),
];

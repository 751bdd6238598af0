//! Tests of `tracker list`: filters, sort orders, output formats, derived
//! facts, colour and pipes. Expected id lists for `fixtures/agency` come from
//! its README (as seen on the reference day 2026-12-07).

use std::io::Read;
use std::process::Stdio;

use serde_json::Value;

use crate::support::Test;
use crate::support::agency::{DONE, DUE_SOON, OVERDUE, RED, STALE};

/// The README's blocked projects.
const BLOCKED: &[&str] = &[
    "cafe-etoile-lancement-instagram",
    "globex-industries-trade-show-landing-pages",
    "initech-employer-branding-video",
    "initech-intranet-redesign",
    "northwind-traders-shopify-migration",
    "patisserie-fleurac-packaging-photoshoot",
    "societe-generale-immobilier-campagne-google-ads-programmes-neufs",
    "umbrella-health-wellness-blog",
];

/// The README's yellow projects.
const YELLOW: &[&str] = &[
    "acme-corp-website-redesign",
    "boulangerie-lemoine-site-de-commande-en-ligne",
    "cafe-etoile-lancement-instagram",
    "globex-industries-b2b-lead-generation-campaign",
    "globex-industries-trade-show-landing-pages",
    "les-jardins-de-provence-boutique-en-ligne",
    "northwind-traders-shopify-migration",
    "patisserie-fleurac-packaging-photoshoot",
    "umbrella-health-patient-portal-handover",
    "umbrella-health-wellness-blog",
];

/// Every project of the agency, by id.
const ALL: &[&str] = &[
    "acme-corp-black-friday-email-sequence",
    "acme-corp-q1-paid-social-campaign",
    "acme-corp-website-redesign",
    "boulangerie-lemoine-referencement-local",
    "boulangerie-lemoine-site-de-commande-en-ligne",
    "brightline-fitness-app-launch-campaign",
    "brightline-fitness-membership-landing-page",
    "cafe-etoile-lancement-instagram",
    "cafe-etoile-menu-photoshoot",
    "globex-industries-b2b-lead-generation-campaign",
    "globex-industries-crm-migration-to-hubspot",
    "globex-industries-trade-show-landing-pages",
    "hotel-du-lac-google-business-profile-optimisation",
    "hotel-du-lac-site-de-reservation",
    "hotel-du-lac-winter-season-newsletter",
    "initech-employer-branding-video",
    "initech-intranet-redesign",
    "initech-q4-paid-search-campaign",
    "les-jardins-de-provence-boutique-en-ligne",
    "les-jardins-de-provence-catalogue-printemps-2027",
    "les-jardins-de-provence-strategie-de-contenu-seo",
    "northwind-traders-brand-guidelines",
    "northwind-traders-holiday-gift-guide",
    "northwind-traders-shopify-migration",
    "patisserie-fleurac-campagne-coffrets-de-noel",
    "patisserie-fleurac-packaging-photoshoot",
    "societe-generale-immobilier-audit-seo-technique",
    "societe-generale-immobilier-campagne-google-ads-programmes-neufs",
    "societe-generale-immobilier-refonte-du-site-vitrine",
    "umbrella-health-patient-portal-handover",
    "umbrella-health-wellness-blog",
    "zenith-assurances-campagne-video-youtube",
    "zenith-assurances-netlinking-q1-2027",
    "zenith-assurances-refonte-de-l-espace-client",
];

/// `list --format json` of a run, parsed.
#[track_caller]
fn json(t: Test) -> Value {
    let out = t.args("--format json").expect_code(0);
    assert_eq!(out.stderr, "");
    serde_json::from_str(&out.stdout).expect("list --format json prints JSON")
}

/// The ids `list --format json` prints, in order.
#[track_caller]
fn ids(t: Test) -> Vec<String> {
    json(t)["projects"]
        .as_array()
        .expect("a `projects` list")
        .iter()
        .map(|p| p["id"].as_str().expect("an id").to_string())
        .collect()
}

/// `tracker list` on the agency with extra arguments, each given verbatim.
fn agency(args: &[&str]) -> Test {
    let mut t = Test::fixture("agency").args("list");
    for a in args {
        t = t.arg(a);
    }
    t
}

/// The ids of `tracker list ARGS` on the agency.
#[track_caller]
fn agency_ids(args: &[&str]) -> Vec<String> {
    ids(agency(args))
}

/// The complement of `ids` in the agency, in id order.
fn all_but(ids: &[&str]) -> Vec<&'static str> {
    ALL.iter().copied().filter(|i| !ids.contains(i)).collect()
}

/// A minimal project file.
fn project(client: &str, name: &str, status: &str, due: &str, extra: &str) -> String {
    format!(
        "client: {client}\nproject: {name}\nstage: active\nstatus: {status}\nhealth: green\n\
         owner: Marie Dupont\ncreated: 2026-12-06\ndue: {due}\n{extra}"
    )
}

// ---------------------------------------------------------------- filters

#[test]
fn without_filters_every_project_is_listed_by_id() {
    assert_eq!(agency_ids(&[]), ALL);
}

#[test]
fn owner_is_case_insensitive_comma_separated_and_repeatable() {
    let marie = [
        "acme-corp-website-redesign",
        "hotel-du-lac-site-de-reservation",
        "les-jardins-de-provence-boutique-en-ligne",
        "umbrella-health-patient-portal-handover",
    ];
    assert_eq!(agency_ids(&["--owner", "Marie Dupont"]), marie);
    assert_eq!(agency_ids(&["--owner", "marie dupont"]), marie);
    assert_eq!(agency_ids(&["--owner", "MARIE DUPONT"]), marie);
    let marie_and_lucas = [
        "acme-corp-website-redesign",
        "brightline-fitness-membership-landing-page",
        "globex-industries-crm-migration-to-hubspot",
        "hotel-du-lac-site-de-reservation",
        "initech-intranet-redesign",
        "les-jardins-de-provence-boutique-en-ligne",
        "societe-generale-immobilier-campagne-google-ads-programmes-neufs",
        "umbrella-health-patient-portal-handover",
    ];
    assert_eq!(
        agency_ids(&["--owner", "marie dupont,LUCAS MOREAU"]),
        marie_and_lucas
    );
    assert_eq!(
        agency_ids(&["--owner", "marie dupont", "--owner", "Lucas Moreau"]),
        marie_and_lucas
    );
    assert_eq!(
        agency_ids(&["--owner", "Nobody Here"]),
        Vec::<String>::new()
    );
}

#[test]
fn client_is_accent_and_case_insensitive() {
    let cafe = [
        "cafe-etoile-lancement-instagram",
        "cafe-etoile-menu-photoshoot",
    ];
    assert_eq!(agency_ids(&["--client", "Café Étoile"]), cafe);
    assert_eq!(agency_ids(&["--client", "cafe etoile"]), cafe);
    assert_eq!(agency_ids(&["--client", "CAFE ETOILE"]), cafe);
    assert_eq!(
        agency_ids(&["--client", "hotel du lac"]),
        [
            "hotel-du-lac-google-business-profile-optimisation",
            "hotel-du-lac-site-de-reservation",
            "hotel-du-lac-winter-season-newsletter",
        ]
    );
    let initech_zenith = [
        "initech-employer-branding-video",
        "initech-intranet-redesign",
        "initech-q4-paid-search-campaign",
        "zenith-assurances-campagne-video-youtube",
        "zenith-assurances-netlinking-q1-2027",
        "zenith-assurances-refonte-de-l-espace-client",
    ];
    assert_eq!(
        agency_ids(&["--client", "initech,zenith assurances"]),
        initech_zenith
    );
    assert_eq!(
        agency_ids(&["--client", "Initech", "--client", "Zénith Assurances"]),
        initech_zenith
    );
    // A client is matched whole, not by prefix.
    assert_eq!(agency_ids(&["--client", "cafe"]), Vec::<String>::new());
}

#[test]
fn stage_filter() {
    let offboarding = [
        "acme-corp-black-friday-email-sequence",
        "northwind-traders-brand-guidelines",
        "umbrella-health-patient-portal-handover",
        "umbrella-health-wellness-blog",
    ];
    let onboarding = [
        "acme-corp-q1-paid-social-campaign",
        "brightline-fitness-app-launch-campaign",
        "cafe-etoile-lancement-instagram",
        "hotel-du-lac-winter-season-newsletter",
        "les-jardins-de-provence-catalogue-printemps-2027",
        "zenith-assurances-netlinking-q1-2027",
    ];
    assert_eq!(agency_ids(&["--stage", "offboarding"]), offboarding);
    assert_eq!(agency_ids(&["--stage", "Désintégration"]), offboarding);
    assert_eq!(agency_ids(&["--stage", "onboarding"]), onboarding);
    assert_eq!(agency_ids(&["--stage", "Intégration"]), onboarding);
    assert_eq!(
        agency_ids(&["--stage", "active,offboarding"]),
        all_but(&onboarding)
    );
}

#[test]
fn status_filter_is_tolerant() {
    let in_progress = [
        "acme-corp-website-redesign",
        "boulangerie-lemoine-referencement-local",
        "boulangerie-lemoine-site-de-commande-en-ligne",
        "brightline-fitness-app-launch-campaign",
        "globex-industries-b2b-lead-generation-campaign",
        "globex-industries-crm-migration-to-hubspot",
        "hotel-du-lac-site-de-reservation",
        "initech-q4-paid-search-campaign",
        "les-jardins-de-provence-boutique-en-ligne",
        "les-jardins-de-provence-strategie-de-contenu-seo",
        "northwind-traders-holiday-gift-guide",
        "patisserie-fleurac-campagne-coffrets-de-noel",
        "societe-generale-immobilier-refonte-du-site-vitrine",
        "umbrella-health-patient-portal-handover",
        "zenith-assurances-campagne-video-youtube",
        "zenith-assurances-refonte-de-l-espace-client",
    ];
    let not_started = [
        "acme-corp-q1-paid-social-campaign",
        "hotel-du-lac-winter-season-newsletter",
        "les-jardins-de-provence-catalogue-printemps-2027",
        "zenith-assurances-netlinking-q1-2027",
    ];
    assert_eq!(agency_ids(&["--status", "in-progress"]), in_progress);
    assert_eq!(agency_ids(&["--status", "En cours"]), in_progress);
    assert_eq!(agency_ids(&["--status", "In Progress"]), in_progress);
    assert_eq!(agency_ids(&["--status", "blocked"]), BLOCKED);
    assert_eq!(agency_ids(&["--status", "on hold"]), BLOCKED);
    assert_eq!(agency_ids(&["--status", "Bloqué"]), BLOCKED);
    assert_eq!(agency_ids(&["--status", "Terminé"]), DONE);
    assert_eq!(agency_ids(&["--status", "To Do"]), not_started);
    assert_eq!(
        agency_ids(&["--status", "not-started,done"]),
        [
            "acme-corp-black-friday-email-sequence",
            "acme-corp-q1-paid-social-campaign",
            "brightline-fitness-membership-landing-page",
            "cafe-etoile-menu-photoshoot",
            "hotel-du-lac-google-business-profile-optimisation",
            "hotel-du-lac-winter-season-newsletter",
            "les-jardins-de-provence-catalogue-printemps-2027",
            "northwind-traders-brand-guidelines",
            "societe-generale-immobilier-audit-seo-technique",
            "zenith-assurances-netlinking-q1-2027",
        ]
    );
}

#[test]
fn health_filter() {
    assert_eq!(agency_ids(&["--health", "red"]), RED);
    assert_eq!(agency_ids(&["--health", "Rouge"]), RED);
    assert_eq!(agency_ids(&["--health", "yellow"]), YELLOW);
    assert_eq!(agency_ids(&["--health", "Amber"]), YELLOW);
    let mut red_yellow: Vec<&str> = RED.iter().chain(YELLOW).copied().collect();
    red_yellow.sort();
    assert_eq!(agency_ids(&["--health", "red,yellow"]), red_yellow);
    assert_eq!(
        agency_ids(&["--health", "red", "--health", "yellow"]),
        red_yellow
    );
    assert_eq!(agency_ids(&["--health", "green"]), all_but(&red_yellow));
}

#[test]
fn tag_filter_matches_any_of_the_tags() {
    let seo = [
        "boulangerie-lemoine-referencement-local",
        "hotel-du-lac-google-business-profile-optimisation",
        "les-jardins-de-provence-strategie-de-contenu-seo",
        "societe-generale-immobilier-audit-seo-technique",
        "zenith-assurances-netlinking-q1-2027",
    ];
    assert_eq!(agency_ids(&["--tag", "seo"]), seo);
    assert_eq!(agency_ids(&["--tag", "SEO"]), seo);
    assert_eq!(
        agency_ids(&["--tag", "noel,shopify"]),
        [
            "boulangerie-lemoine-site-de-commande-en-ligne",
            "les-jardins-de-provence-boutique-en-ligne",
            "northwind-traders-shopify-migration",
            "patisserie-fleurac-campagne-coffrets-de-noel",
        ]
    );
    assert_eq!(agency_ids(&["--tag", "no-such-tag"]), Vec::<String>::new());
}

#[test]
fn overdue_filter_lists_the_readme_six() {
    assert_eq!(agency_ids(&["--overdue"]), OVERDUE);
}

#[test]
fn stale_filter_lists_the_readme_five() {
    assert_eq!(agency_ids(&["--stale"]), STALE);
}

#[test]
fn open_filter_leaves_out_done_projects() {
    assert_eq!(agency_ids(&["--open"]), all_but(DONE));
}

#[test]
fn due_before_and_after_are_exclusive() {
    // Two projects are due on 2026-12-10 itself: in neither list.
    let on_the_day = [
        "globex-industries-trade-show-landing-pages",
        "northwind-traders-holiday-gift-guide",
    ];
    let before = [
        "acme-corp-black-friday-email-sequence",
        "boulangerie-lemoine-site-de-commande-en-ligne",
        "brightline-fitness-membership-landing-page",
        "cafe-etoile-menu-photoshoot",
        "globex-industries-crm-migration-to-hubspot",
        "hotel-du-lac-google-business-profile-optimisation",
        "initech-employer-branding-video",
        "initech-intranet-redesign",
        "les-jardins-de-provence-boutique-en-ligne",
        "northwind-traders-brand-guidelines",
        "patisserie-fleurac-campagne-coffrets-de-noel",
        "societe-generale-immobilier-audit-seo-technique",
        "umbrella-health-patient-portal-handover",
        "zenith-assurances-campagne-video-youtube",
    ];
    assert_eq!(agency_ids(&["--due-before", "2026-12-10"]), before);
    let mut not_after: Vec<&str> = before.iter().chain(&on_the_day).copied().collect();
    not_after.sort();
    assert_eq!(
        agency_ids(&["--due-after", "2026-12-10"]),
        all_but(&not_after)
    );
    assert_eq!(
        agency_ids(&["--due-after", "2026-12-09", "--due-before", "2026-12-11"]),
        on_the_day
    );
    // Nothing is strictly between a day and the next.
    assert_eq!(
        agency_ids(&["--due-after", "2026-12-10", "--due-before", "2026-12-11"]),
        Vec::<String>::new()
    );
}

#[test]
fn due_filters_take_relative_dates() {
    // +1w from 2026-12-07 is 2026-12-14, the due day of the packaging shoot.
    let before_14 = [
        "acme-corp-black-friday-email-sequence",
        "boulangerie-lemoine-site-de-commande-en-ligne",
        "brightline-fitness-membership-landing-page",
        "cafe-etoile-menu-photoshoot",
        "globex-industries-crm-migration-to-hubspot",
        "globex-industries-trade-show-landing-pages",
        "hotel-du-lac-google-business-profile-optimisation",
        "hotel-du-lac-winter-season-newsletter",
        "initech-employer-branding-video",
        "initech-intranet-redesign",
        "les-jardins-de-provence-boutique-en-ligne",
        "northwind-traders-brand-guidelines",
        "northwind-traders-holiday-gift-guide",
        "patisserie-fleurac-campagne-coffrets-de-noel",
        "societe-generale-immobilier-audit-seo-technique",
        "umbrella-health-patient-portal-handover",
        "zenith-assurances-campagne-video-youtube",
    ];
    assert_eq!(agency_ids(&["--due-before", "+1w"]), before_14);
    assert_eq!(agency_ids(&["--due-before", "2026-12-14"]), before_14);
    let mut not_after: Vec<&str> = before_14.to_vec();
    not_after.push("patisserie-fleurac-packaging-photoshoot");
    not_after.sort();
    assert_eq!(agency_ids(&["--due-after", "+1w"]), all_but(&not_after));
    assert_eq!(agency_ids(&["--due-after", "+7d"]), all_but(&not_after));
    // `today` and `tomorrow`.
    assert_eq!(
        agency_ids(&["--due-after", "yesterday", "--due-before", "tomorrow"]),
        ["patisserie-fleurac-campagne-coffrets-de-noel"]
    );
    assert_eq!(
        agency_ids(&["--due-after", "today", "--due-before", "+2d"]),
        ["cafe-etoile-menu-photoshoot"]
    );
}

#[test]
fn bad_due_date_is_a_usage_error() {
    let out = agency(&["--due-before", "2026-13-01"]).expect_code(2);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("--due-before"), "{}", out.stderr);
    assert!(out.stderr.contains("2026-13-01"), "{}", out.stderr);
}

#[test]
fn filters_combine_with_and() {
    assert_eq!(
        agency_ids(&["--owner", "Sophie Martin", "--open", "--health", "yellow"]),
        [
            "boulangerie-lemoine-site-de-commande-en-ligne",
            "patisserie-fleurac-packaging-photoshoot",
            "umbrella-health-wellness-blog",
        ]
    );
    assert_eq!(
        agency_ids(&["--tag", "web", "--health", "red"]),
        ["initech-intranet-redesign"]
    );
    assert_eq!(
        agency_ids(&[
            "--owner",
            "karim benali",
            "--stage",
            "active",
            "--due-after",
            "2026-12-31"
        ]),
        [
            "boulangerie-lemoine-referencement-local",
            "les-jardins-de-provence-strategie-de-contenu-seo",
            "societe-generale-immobilier-refonte-du-site-vitrine",
            "zenith-assurances-refonte-de-l-espace-client",
        ]
    );
    assert_eq!(
        agency_ids(&["--overdue", "--stale"]),
        [
            "initech-intranet-redesign",
            "zenith-assurances-campagne-video-youtube",
        ]
    );
    assert_eq!(
        agency_ids(&["--client", "cafe etoile", "--status", "done"]),
        ["cafe-etoile-menu-photoshoot"]
    );
    assert_eq!(
        agency_ids(&["--overdue", "--status", "blocked", "--client", "initech"]),
        [
            "initech-employer-branding-video",
            "initech-intranet-redesign",
        ]
    );
    assert_eq!(
        agency_ids(&["--overdue", "--status", "done"]),
        Vec::<String>::new()
    );
}

#[test]
fn no_match_prints_a_message_in_the_table() {
    let out = agency(&["--owner", "Nobody"]).expect_code(0);
    assert_eq!(out.stdout, "no projects match\n");
    assert_eq!(out.stderr, "");
}

// ---------------------------------------------------------------- sorting

const BY_DUE: &[&str] = &[
    "hotel-du-lac-google-business-profile-optimisation",
    "northwind-traders-brand-guidelines",
    "societe-generale-immobilier-audit-seo-technique",
    "acme-corp-black-friday-email-sequence",
    "zenith-assurances-campagne-video-youtube",
    "initech-intranet-redesign",
    "brightline-fitness-membership-landing-page",
    "globex-industries-crm-migration-to-hubspot",
    "umbrella-health-patient-portal-handover",
    "initech-employer-branding-video",
    "les-jardins-de-provence-boutique-en-ligne",
    "patisserie-fleurac-campagne-coffrets-de-noel",
    "cafe-etoile-menu-photoshoot",
    "boulangerie-lemoine-site-de-commande-en-ligne",
    "globex-industries-trade-show-landing-pages",
    "northwind-traders-holiday-gift-guide",
    "hotel-du-lac-winter-season-newsletter",
    "patisserie-fleurac-packaging-photoshoot",
    "societe-generale-immobilier-campagne-google-ads-programmes-neufs",
    "acme-corp-website-redesign",
    "northwind-traders-shopify-migration",
    "globex-industries-b2b-lead-generation-campaign",
    "initech-q4-paid-search-campaign",
    "umbrella-health-wellness-blog",
    "cafe-etoile-lancement-instagram",
    "brightline-fitness-app-launch-campaign",
    "hotel-du-lac-site-de-reservation",
    "les-jardins-de-provence-strategie-de-contenu-seo",
    "les-jardins-de-provence-catalogue-printemps-2027",
    "societe-generale-immobilier-refonte-du-site-vitrine",
    "zenith-assurances-refonte-de-l-espace-client",
    "acme-corp-q1-paid-social-campaign",
    "boulangerie-lemoine-referencement-local",
    "zenith-assurances-netlinking-q1-2027",
];

const BY_OWNER: &[&str] = &[
    // Aisha Khan
    "acme-corp-q1-paid-social-campaign",
    "brightline-fitness-app-launch-campaign",
    "cafe-etoile-lancement-instagram",
    "initech-q4-paid-search-campaign",
    "northwind-traders-holiday-gift-guide",
    "patisserie-fleurac-campagne-coffrets-de-noel",
    // James Carter
    "globex-industries-b2b-lead-generation-campaign",
    "globex-industries-trade-show-landing-pages",
    "initech-employer-branding-video",
    "zenith-assurances-campagne-video-youtube",
    // Karim Benali
    "boulangerie-lemoine-referencement-local",
    "hotel-du-lac-google-business-profile-optimisation",
    "les-jardins-de-provence-strategie-de-contenu-seo",
    "northwind-traders-shopify-migration",
    "societe-generale-immobilier-audit-seo-technique",
    "societe-generale-immobilier-refonte-du-site-vitrine",
    "zenith-assurances-netlinking-q1-2027",
    "zenith-assurances-refonte-de-l-espace-client",
    // Lucas Moreau
    "brightline-fitness-membership-landing-page",
    "globex-industries-crm-migration-to-hubspot",
    "initech-intranet-redesign",
    "societe-generale-immobilier-campagne-google-ads-programmes-neufs",
    // Marie Dupont
    "acme-corp-website-redesign",
    "hotel-du-lac-site-de-reservation",
    "les-jardins-de-provence-boutique-en-ligne",
    "umbrella-health-patient-portal-handover",
    // Sophie Martin
    "acme-corp-black-friday-email-sequence",
    "boulangerie-lemoine-site-de-commande-en-ligne",
    "cafe-etoile-menu-photoshoot",
    "hotel-du-lac-winter-season-newsletter",
    "les-jardins-de-provence-catalogue-printemps-2027",
    "northwind-traders-brand-guidelines",
    "patisserie-fleurac-packaging-photoshoot",
    "umbrella-health-wellness-blog",
];

const BY_UPDATED: &[&str] = &[
    "hotel-du-lac-google-business-profile-optimisation", // 2026-10-30
    "northwind-traders-brand-guidelines",                // 2026-11-10
    "umbrella-health-wellness-blog",                     // 2026-11-16
    "hotel-du-lac-winter-season-newsletter",             // created 2026-11-18
    "societe-generale-immobilier-audit-seo-technique",   // 2026-11-19
    "zenith-assurances-campagne-video-youtube",          // 2026-11-20
    "initech-intranet-redesign",                         // 2026-11-24
    "les-jardins-de-provence-strategie-de-contenu-seo",  // 2026-11-29
    "brightline-fitness-membership-landing-page",        // 2026-11-30
    "les-jardins-de-provence-catalogue-printemps-2027",
    "northwind-traders-shopify-migration",
    "acme-corp-black-friday-email-sequence", // 2026-12-01
    "cafe-etoile-lancement-instagram",
    "hotel-du-lac-site-de-reservation",
    "patisserie-fleurac-packaging-photoshoot",
    "zenith-assurances-netlinking-q1-2027",
    "acme-corp-q1-paid-social-campaign", // 2026-12-02
    "brightline-fitness-app-launch-campaign",
    "societe-generale-immobilier-campagne-google-ads-programmes-neufs",
    "umbrella-health-patient-portal-handover",
    "acme-corp-website-redesign", // 2026-12-03
    "globex-industries-crm-migration-to-hubspot",
    "globex-industries-trade-show-landing-pages",
    "les-jardins-de-provence-boutique-en-ligne",
    "zenith-assurances-refonte-de-l-espace-client",
    "boulangerie-lemoine-site-de-commande-en-ligne", // 2026-12-04
    "cafe-etoile-menu-photoshoot",
    "globex-industries-b2b-lead-generation-campaign",
    "initech-employer-branding-video",
    "initech-q4-paid-search-campaign",
    "patisserie-fleurac-campagne-coffrets-de-noel",
    "societe-generale-immobilier-refonte-du-site-vitrine",
    "boulangerie-lemoine-referencement-local", // 2026-12-07
    "northwind-traders-holiday-gift-guide",
];

fn reversed(ids: &[&str]) -> Vec<String> {
    ids.iter().rev().map(|s| s.to_string()).collect()
}

#[test]
fn sort_by_due_soonest_first_ties_by_id() {
    assert_eq!(agency_ids(&["--sort", "due"]), BY_DUE);
    assert_eq!(
        agency_ids(&["--sort", "due", "--reverse"]),
        reversed(BY_DUE)
    );
}

#[test]
fn sort_by_health_red_first_ties_by_id() {
    let mut by_health: Vec<&str> = RED.to_vec();
    by_health.extend(YELLOW);
    let mut reds_and_yellows = by_health.clone();
    reds_and_yellows.sort();
    by_health.extend(all_but(&reds_and_yellows));
    assert_eq!(agency_ids(&["--sort", "health"]), by_health);
    assert_eq!(
        agency_ids(&["--sort", "health", "--reverse"]),
        reversed(&by_health)
    );
}

#[test]
fn sort_by_owner_ties_by_id() {
    assert_eq!(agency_ids(&["--sort", "owner"]), BY_OWNER);
    assert_eq!(
        agency_ids(&["--sort", "owner", "--reverse"]),
        reversed(BY_OWNER)
    );
}

#[test]
fn sort_by_client_ignores_accents_ties_by_id() {
    // Café, Hôtel, Pâtisserie, Société and Zénith sort as if unaccented, so
    // the order is the id order.
    assert_eq!(agency_ids(&["--sort", "client"]), ALL);
    assert_eq!(
        agency_ids(&["--sort", "client", "--reverse"]),
        reversed(ALL)
    );
}

#[test]
fn sort_by_updated_least_recent_first_ties_by_id() {
    assert_eq!(agency_ids(&["--sort", "updated"]), BY_UPDATED);
    assert_eq!(
        agency_ids(&["--sort", "updated", "--reverse"]),
        reversed(BY_UPDATED)
    );
}

#[test]
fn sort_applies_after_filters() {
    assert_eq!(
        agency_ids(&["--overdue", "--sort", "due"]),
        [
            "zenith-assurances-campagne-video-youtube",
            "initech-intranet-redesign",
            "globex-industries-crm-migration-to-hubspot",
            "umbrella-health-patient-portal-handover",
            "initech-employer-branding-video",
            "les-jardins-de-provence-boutique-en-ligne",
        ]
    );
    assert_eq!(agency_ids(&["--reverse"]), reversed(ALL));
}

#[test]
fn ties_are_broken_by_id_whatever_the_file_order() {
    let t = Test::tracker("due_soon_days: 3\n")
        .file(
            "projects/zeta.yaml",
            &project("Zeta", "Z", "in-progress", "2026-12-20", ""),
        )
        .file(
            "projects/b/alpha.yaml",
            &project("Zeta", "A", "in-progress", "2026-12-20", ""),
        )
        .file(
            "projects/mid.yaml",
            &project("Zeta", "M", "in-progress", "2026-12-20", ""),
        )
        .file(
            "projects/early.yaml",
            &project("Zeta", "E", "in-progress", "2026-12-19", ""),
        );
    let path = t.path().to_path_buf();
    let run = |args: &str| {
        let t = Test::new().args(args);
        ids(t.arg("--dir").arg(path.to_str().unwrap()))
    };
    assert_eq!(run("list --sort due"), ["early", "alpha", "mid", "zeta"]);
    assert_eq!(
        run("list --sort due --reverse"),
        ["zeta", "mid", "alpha", "early"]
    );
    assert_eq!(run("list --sort owner"), ["alpha", "early", "mid", "zeta"]);
    assert_eq!(run("list --sort client"), ["alpha", "early", "mid", "zeta"]);
    drop(t);
}

// ---------------------------------------------------------------- formats

#[test]
fn table_of_one_client() {
    let out = agency(&["--client", "Initech"]).expect_code(0);
    insta::assert_snapshot!("list_table_initech", out.stdout);
}

#[test]
fn markdown_of_one_client() {
    let out = agency(&["--client", "Initech", "--format", "md"]).expect_code(0);
    insta::assert_snapshot!("list_md_initech", out.stdout);
}

#[test]
fn csv_of_one_client() {
    let out = agency(&["--client", "Initech", "--format", "csv"]).expect_code(0);
    insta::assert_snapshot!("list_csv_initech", out.stdout);
}

#[test]
fn json_of_one_client() {
    let out = agency(&["--client", "Initech", "--format", "json"]).expect_code(0);
    insta::assert_snapshot!("list_json_initech", out.stdout);
}

#[test]
fn table_of_the_whole_agency() {
    let out = agency(&[]).expect_code(0);
    insta::assert_snapshot!("list_table_agency", out.stdout);
}

#[test]
fn markdown_of_the_whole_agency() {
    let out = agency(&["--format", "md"]).expect_code(0);
    insta::assert_snapshot!("list_md_agency", out.stdout);
}

#[test]
fn csv_of_the_whole_agency() {
    let out = agency(&["--format", "csv"]).expect_code(0);
    insta::assert_snapshot!("list_csv_agency", out.stdout);
}

#[test]
fn json_of_the_whole_agency() {
    let out = agency(&["--format", "json"]).expect_code(0);
    insta::assert_snapshot!("list_json_agency", out.stdout);
}

/// Parses CSV output into header and records.
fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let records = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, records)
}

#[test]
fn csv_columns_terminators_and_derived_cells() {
    let out = agency(&["--format", "csv"]).expect_code(0);
    let text = out.stdout;
    assert_eq!(
        text.split("\r\n").next().unwrap(),
        "id,client,project,stage,status,health,owner,goal,created,start,due,\
         blocked_reason,tags,links,budget,channel,progress,last_update,overdue"
    );
    // Every record ends in CRLF, and there is no bare LF.
    assert!(text.ends_with("\r\n"));
    assert_eq!(text.matches("\r\n").count(), 35);
    assert_eq!(text.matches('\n').count(), 35);

    let (header, records) = parse_csv(&text);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let ids: Vec<&str> = records.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ALL);
    for r in &records {
        let id = r[0].as_str();
        let want = if OVERDUE.contains(&id) {
            "TRUE"
        } else {
            "FALSE"
        };
        assert_eq!(r[col("overdue")], want, "overdue of {id}");
        let progress = &r[col("progress")];
        assert!(
            progress.is_empty() || progress.bytes().all(|b| b.is_ascii_digit()),
            "progress of {id} is {progress:?}"
        );
    }
    let row = |id: &str| records.iter().find(|r| r[0] == id).unwrap();
    let progress = |id: &str| row(id)[col("progress")].clone();
    assert_eq!(progress("acme-corp-website-redesign"), "50");
    assert_eq!(
        progress("globex-industries-b2b-lead-generation-campaign"),
        "67"
    );
    assert_eq!(progress("initech-intranet-redesign"), "33");
    assert_eq!(
        progress("les-jardins-de-provence-strategie-de-contenu-seo"),
        "100"
    );
    assert_eq!(progress("brightline-fitness-app-launch-campaign"), "0");
    assert_eq!(progress("initech-q4-paid-search-campaign"), "");
    // Recurring milestones do not count: one recurring milestone, no progress.
    assert_eq!(progress("umbrella-health-wellness-blog"), "");

    let acme = row("acme-corp-website-redesign");
    assert_eq!(acme[col("client")], "Acme Corp");
    assert_eq!(acme[col("stage")], "active");
    assert_eq!(acme[col("status")], "in-progress");
    assert_eq!(acme[col("health")], "yellow");
    assert_eq!(acme[col("owner")], "Marie Dupont");
    assert_eq!(acme[col("due")], "2026-12-18");
    assert_eq!(acme[col("tags")], "web, cms, q4");
    assert_eq!(acme[col("last_update")], "2026-12-03");
    let newsletter = row("hotel-du-lac-winter-season-newsletter");
    assert_eq!(newsletter[col("last_update")], "", "no updates yet");
    assert_eq!(newsletter[col("client")], "Hôtel du Lac");
}

#[test]
fn csv_escapes_formulas() {
    let t = Test::tracker("")
        .file(
            "projects/a-formula.yaml",
            &project(
                "Acme",
                "'=HYPERLINK(\"x\")'",
                "in-progress",
                "2026-12-20",
                "",
            ),
        )
        .file(
            "projects/b-phone.yaml",
            &project("Acme", "\"+33\"", "in-progress", "2026-12-20", ""),
        )
        .file(
            "projects/c-minus.yaml",
            &project("Acme", "\"-1 day\"", "in-progress", "2026-12-20", ""),
        )
        .file(
            "projects/d-at.yaml",
            &project("\"@Acme\"", "Plain name", "in-progress", "2026-12-20", ""),
        );
    let out = t.args("list --format csv").expect_code(0);
    assert_eq!(out.stderr, "");
    let (header, records) = parse_csv(&out.stdout);
    let project_col = header.iter().position(|h| h == "project").unwrap();
    let client_col = header.iter().position(|h| h == "client").unwrap();
    let names: Vec<&str> = records.iter().map(|r| r[project_col].as_str()).collect();
    assert_eq!(
        names,
        ["'=HYPERLINK(\"x\")", "'+33", "'-1 day", "Plain name"]
    );
    assert_eq!(records[3][client_col], "'@Acme");
    assert_eq!(records[0][client_col], "Acme");
    assert!(
        out.stdout.contains("\"'=HYPERLINK(\"\"x\"\")\""),
        "{}",
        out.stdout
    );
    // A minimal tracker has no custom fields: the header is exactly the
    // canonical columns and the derived ones.
    assert_eq!(
        header.join(","),
        "id,client,project,stage,status,health,owner,goal,created,start,due,\
         blocked_reason,tags,links,progress,last_update,overdue"
    );
}

#[test]
fn json_carries_schema_version_and_facts() {
    let doc = json(agency(&[]));
    assert_eq!(doc["schema_version"], 1);
    let projects = doc["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 34);
    for p in projects {
        let id = p["id"].as_str().unwrap();
        assert_eq!(p["overdue"], OVERDUE.contains(&id), "overdue of {id}");
        assert_eq!(p["due_soon"], DUE_SOON.contains(&id), "due_soon of {id}");
        assert_eq!(p["stale"], STALE.contains(&id), "stale of {id}");
        assert!(
            p["progress"].is_null() || p["progress"].is_u64(),
            "progress of {id}: {}",
            p["progress"]
        );
    }
    let by_id = |id: &str| projects.iter().find(|p| p["id"] == id).unwrap();
    assert_eq!(by_id("acme-corp-website-redesign")["progress"], 50);
    assert_eq!(
        by_id("globex-industries-b2b-lead-generation-campaign")["progress"],
        67
    );
    assert_eq!(
        by_id("les-jardins-de-provence-strategie-de-contenu-seo")["progress"],
        100
    );
    assert_eq!(
        by_id("initech-q4-paid-search-campaign")["progress"],
        Value::Null
    );
    let acme = by_id("acme-corp-website-redesign");
    assert_eq!(acme["client"], "Acme Corp");
    assert_eq!(acme["health"], "yellow");
    assert_eq!(acme["due"], "2026-12-18");
}

#[test]
fn json_of_nothing_is_an_empty_list() {
    let doc = json(agency(&["--owner", "Nobody"]));
    assert_eq!(
        doc,
        serde_json::json!({"schema_version": 1, "projects": []})
    );
}

// ---------------------------------------------------------------- facts

#[test]
fn done_projects_are_never_overdue_due_soon_or_stale() {
    let doc = json(agency(&["--status", "done"]));
    let projects = doc["projects"].as_array().unwrap();
    let ids: Vec<&str> = projects.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(ids, DONE);
    for p in projects {
        assert_eq!(p["overdue"], false, "{}", p["id"]);
        assert_eq!(p["due_soon"], false, "{}", p["id"]);
        assert_eq!(p["stale"], false, "{}", p["id"]);
    }

    // Done, due a month ago, last touched two months ago.
    let t = Test::tracker("")
        .file(
            "projects/old-done.yaml",
            &project(
                "Acme",
                "Old",
                "done",
                "2026-11-01",
                "updates:\n  - date: 2026-10-01\n    note: shipped\n",
            ),
        )
        .file(
            "projects/old-open.yaml",
            &project(
                "Acme",
                "Open",
                "in-progress",
                "2026-11-01",
                "updates:\n  - date: 2026-10-01\n    note: started\n",
            ),
        );
    let doc = json(t.args("list"));
    let facts: Vec<(String, Value, Value)> = doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_string(),
                p["overdue"].clone(),
                p["stale"].clone(),
            )
        })
        .collect();
    assert_eq!(
        facts,
        [
            (
                "old-done".to_string(),
                Value::Bool(false),
                Value::Bool(false)
            ),
            ("old-open".to_string(), Value::Bool(true), Value::Bool(true)),
        ]
    );
}

/// A tracker with `config` and five projects due around 2026-12-07.
fn due_window(config: &str) -> Test {
    Test::tracker(config)
        .file(
            "projects/a-yesterday.yaml",
            &project("A", "Y", "in-progress", "2026-12-06", ""),
        )
        .file(
            "projects/b-today.yaml",
            &project("A", "T", "in-progress", "2026-12-07", ""),
        )
        .file(
            "projects/c-in-3.yaml",
            &project("A", "C", "blocked", "2026-12-10", ""),
        )
        .file(
            "projects/d-in-4.yaml",
            &project("A", "D", "not-started", "2026-12-11", ""),
        )
        .file(
            "projects/e-in-10.yaml",
            &project("A", "E", "in-progress", "2026-12-17", ""),
        )
        .file(
            "projects/f-in-11.yaml",
            &project("A", "F", "in-progress", "2026-12-18", ""),
        )
        .file(
            "projects/g-done-in-5.yaml",
            &project("A", "G", "done", "2026-12-12", ""),
        )
}

fn due_soon_ids(t: Test) -> Vec<String> {
    json(t.args("list"))["projects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["due_soon"] == true)
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn due_soon_respects_due_soon_days() {
    assert_eq!(
        due_soon_ids(due_window("due_soon_days: 10\n")),
        ["b-today", "c-in-3", "d-in-4", "e-in-10"]
    );
    // The default window is 3 days.
    assert_eq!(due_soon_ids(due_window("")), ["b-today", "c-in-3"]);
    assert_eq!(due_soon_ids(due_window("due_soon_days: 0\n")), ["b-today"]);
    // Overdue is not due soon.
    let doc = json(due_window("due_soon_days: 10\n").args("list --overdue"));
    let overdue: Vec<&str> = doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(overdue, ["a-yesterday"]);
}

/// A tracker with `config` and projects last touched at various days.
fn activity(config: &str) -> Test {
    let upd = |d: &str| format!("updates:\n  - date: {d}\n    note: check-in\n");
    Test::tracker(config)
        .file(
            "projects/a-2-days.yaml",
            &project("A", "A", "in-progress", "2027-01-31", &upd("2026-12-05")),
        )
        .file(
            "projects/b-3-days.yaml",
            &project("A", "B", "in-progress", "2027-01-31", &upd("2026-12-04")),
        )
        .file(
            "projects/c-7-days.yaml",
            &project("A", "C", "blocked", "2027-01-31", &upd("2026-11-30")),
        )
        .file(
            "projects/d-8-days.yaml",
            &project("A", "D", "in-progress", "2027-01-31", &upd("2026-11-29")),
        )
        .file(
            "projects/e-created-3-days.yaml",
            &project("A", "E", "not-started", "2027-01-31", "")
                .replace("created: 2026-12-06", "created: 2026-12-04"),
        )
        .file(
            "projects/f-newest-counts.yaml",
            &project(
                "A",
                "F",
                "in-progress",
                "2027-01-31",
                "updates:\n  - date: 2026-10-01\n    note: old\n  - date: 2026-12-06\n    note: new\n",
            ),
        )
        .file(
            "projects/g-done.yaml",
            &project("A", "G", "done", "2027-01-31", &upd("2026-10-01")),
        )
}

#[test]
fn stale_respects_stale_days() {
    assert_eq!(
        ids(activity("stale_days: 2\n").args("list --stale")),
        ["b-3-days", "c-7-days", "d-8-days", "e-created-3-days"]
    );
    // The default is 7 days: exactly seven days is not stale.
    assert_eq!(ids(activity("").args("list --stale")), ["d-8-days"]);
    assert_eq!(
        ids(activity("stale_days: 30\n").args("list --stale")),
        Vec::<String>::new()
    );
    // The `stale` fact agrees with the filter.
    let doc = json(activity("stale_days: 2\n").args("list"));
    let stale: Vec<&str> = doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["stale"] == true)
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        stale,
        ["b-3-days", "c-7-days", "d-8-days", "e-created-3-days"]
    );
}

// ---------------------------------------------------------------- colour

#[test]
fn no_colour_with_no_color_or_color_never() {
    // The harness sets NO_COLOR.
    for format in ["table", "md", "csv", "json"] {
        let out = agency(&["--format", format]).expect_code(0);
        assert!(!out.stdout.contains('\x1b'), "{format}: {:?}", out.stdout);
    }
    let out = agency(&["--color", "auto"]).expect_code(0);
    assert!(!out.stdout.contains('\x1b'));
    // --color never without NO_COLOR.
    let out = agency(&["--color", "never"])
        .command()
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!out.stdout.is_empty());
    assert!(!out.stdout.contains(&0x1b));
    // Not a terminal, no NO_COLOR: no colour either.
    let out = agency(&[])
        .command()
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(!out.stdout.is_empty());
    assert!(!out.stdout.contains(&0x1b));
}

#[test]
fn color_always_paints_health_in_spreadsheet_colours() {
    let out = agency(&["--client", "Initech,Acme Corp", "--color", "always"])
        .command()
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let line = |id: &str| {
        text.lines()
            .find(|l| l.contains(id))
            .unwrap_or_else(|| panic!("no line for {id} in {text}"))
            .to_string()
    };
    for id in [
        "initech-employer-branding-video",
        "initech-intranet-redesign",
        "initech-q4-paid-search-campaign",
    ] {
        assert!(
            line(id).contains("\x1b[38;2;255;0;0m red"),
            "{:?}",
            line(id)
        );
    }
    assert!(
        line("acme-corp-website-redesign").contains("\x1b[38;2;255;192;0m yellow"),
        "{:?}",
        line("acme-corp-website-redesign")
    );
    assert!(
        line("acme-corp-q1-paid-social-campaign").contains("\x1b[38;2;0;176;80m green"),
        "{:?}",
        line("acme-corp-q1-paid-social-campaign")
    );
    // Only the health cell is painted: the id starts the line uncoloured.
    assert!(line("initech-intranet-redesign").starts_with(" initech-intranet-redesign "));
}

#[test]
fn color_always_leaves_machine_formats_alone() {
    for format in ["csv", "json", "md"] {
        let out = agency(&["--format", format, "--color", "always"])
            .command()
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert!(!out.stdout.contains(&0x1b), "{format} has escape bytes");
    }
}

// ---------------------------------------------------------------- pipes

#[test]
fn broken_pipe_is_not_an_error() {
    let mut t = Test::tracker("");
    for i in 0..3000 {
        t = t.file(
            &format!("projects/p{i:04}.yaml"),
            &project(
                &format!("Client {}", i % 40),
                &format!("Project {i}"),
                "in-progress",
                "2027-01-15",
                "",
            ),
        );
    }
    let t = t.args("list --format csv");
    let cmd = t.command();
    let mut std_cmd = std::process::Command::new(cmd.get_program());
    std_cmd.args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => std_cmd.env(k, v),
            None => std_cmd.env_remove(k),
        };
    }
    std_cmd.current_dir(cmd.get_current_dir().unwrap());
    let mut child = std_cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut head = [0u8; 16];
    stdout.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"id,client,projec");
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(stderr, "");
    assert_eq!(status.code(), Some(0));
}

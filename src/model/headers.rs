//! The CSV header aliases: the column names real spreadsheets use, in
//! English and French, for each field. Matching ignores case, accents,
//! spacing and punctuation (`Date d'échéance` = `date d echeance`).

use super::vocab::fold;

/// Field → the headers that name it (already folded: lowercase ASCII words).
pub const ALIASES: &[(&str, &[&str])] = &[
    ("id", &["id", "project id", "identifiant", "slug"]),
    (
        "client",
        &[
            "client",
            "client name",
            "customer",
            "account",
            "nom du client",
            "compte",
            "societe",
        ],
    ),
    (
        "project",
        &[
            "project",
            "project name",
            "service",
            "nom du projet",
            "projet",
            "campaign",
            "campagne",
        ],
    ),
    (
        "stage",
        &[
            "stage",
            "lifecycle stage",
            "lifecycle",
            "phase",
            "etape du cycle de vie",
            "etape",
            "cycle de vie",
        ],
    ),
    (
        "status",
        &["status", "statut", "etat", "state", "progress status"],
    ),
    (
        "health",
        &[
            "health",
            "health score",
            "rag",
            "rag status",
            "score de sante",
            "sante",
            "meteo",
        ],
    ),
    (
        "owner",
        &[
            "owner",
            "account manager",
            "delivery lead",
            "project manager",
            "am",
            "responsable de compte",
            "responsable",
            "chef de projet",
            "proprietaire",
        ],
    ),
    ("goal", &["goal", "objective", "objectif", "kpi", "but"]),
    (
        "created",
        &[
            "created",
            "created on",
            "date created",
            "date de creation",
            "cree le",
        ],
    ),
    (
        "start",
        &[
            "start",
            "start date",
            "date de debut",
            "debut",
            "kick off",
            "kickoff",
        ],
    ),
    (
        "due",
        &[
            "due",
            "due date",
            "deadline",
            "date d echeance",
            "echeance",
            "date limite",
            "end date",
            "date de fin",
        ],
    ),
    (
        "blocked_reason",
        &[
            "blocked reason",
            "blocked_reason",
            "blocker",
            "blockers",
            "raison du blocage",
            "blocage",
            "why blocked",
        ],
    ),
    ("tags", &["tags", "tag", "labels", "etiquettes"]),
    ("links", &["links", "liens", "link"]),
];

/// Derived columns of an export; import ignores them.
pub const DERIVED: &[&str] = &[
    "progress",
    "last update",
    "overdue",
    "due soon",
    "stale",
    "avancement",
    "en retard",
];

/// Folds a header for matching: accents and case folded, punctuation read as spaces.
pub fn fold_header(header: &str) -> String {
    let f = fold(header);
    f.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The field a header names, if any.
pub fn field_of(header: &str) -> Option<&'static str> {
    let h = fold_header(header);
    ALIASES
        .iter()
        .find(|(_, names)| names.iter().any(|n| fold_header(n) == h))
        .map(|(f, _)| *f)
}

/// Whether a header is one of the read-only derived columns.
pub fn is_derived(header: &str) -> bool {
    let h = fold_header(header);
    DERIVED.iter().any(|d| fold_header(d) == h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_french_headers() {
        for (h, f) in [
            ("Client Name", "client"),
            ("Nom du client", "client"),
            ("Account Manager", "owner"),
            ("Responsable de compte", "owner"),
            ("Health Score", "health"),
            ("RAG", "health"),
            ("RAG Status", "health"),
            ("Score de santé", "health"),
            ("Due Date", "due"),
            ("Date d'échéance", "due"),
            ("Étape du cycle de vie", "stage"),
            ("Lifecycle Stage", "stage"),
            ("Statut", "status"),
            ("État", "status"),
            ("Objectif", "goal"),
            ("Nom du projet", "project"),
            ("Delivery Lead", "owner"),
            ("blocked_reason", "blocked_reason"),
            ("  DUE   date ", "due"),
        ] {
            assert_eq!(field_of(h), Some(f), "{h}");
        }
        assert_eq!(field_of("Notes"), None);
        assert!(is_derived("last_update"));
        assert!(is_derived("Progress"));
    }
}

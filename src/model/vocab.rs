//! The closed vocabularies of a project: [`Stage`], [`Status`] and [`Health`].
//!
//! Input is tolerant (case, `_`/`-`/space, accents, French labels and the
//! words real spreadsheet trackers use); output is always the canonical
//! kebab-case word. The alias tables below are the one place those words live.

use std::fmt;
use std::str::FromStr;

/// Folds a label for matching: ASCII transliteration, lowercase, `_` and `-`
/// read as spaces, runs of spaces collapsed.
pub fn fold(input: &str) -> String {
    let ascii = deunicode::deunicode(input.trim()).to_lowercase();
    ascii
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why a vocabulary word was refused, with the accepted words and the nearest one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VocabError {
    /// `stage`, `status` or `health`.
    pub kind: &'static str,
    /// The text as it was given.
    pub input: String,
    /// The canonical words.
    pub expected: &'static [&'static str],
    /// The closest canonical word, when one is close.
    pub suggestion: Option<&'static str>,
}

impl VocabError {
    /// The `help:` line: accepted words and the suggestion.
    pub fn help(&self) -> String {
        let list = self
            .expected
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", ");
        match self.suggestion {
            Some(s) => format!("expected one of {list}; did you mean `{s}`?"),
            None => format!("expected one of {list}"),
        }
    }
}

impl fmt::Display for VocabError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} `{}`: {}", self.kind, self.input, self.help())
    }
}

impl std::error::Error for VocabError {}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $kind:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $canon:literal [$($alias:literal),* $(,)?] ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in canonical order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Every canonical word, in canonical order.
            pub const WORDS: &'static [&'static str] = &[$($canon),+];

            /// The canonical word written to files.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $canon),+ }
            }

            fn lookup(folded: &str, raw: &str) -> Option<Self> {
                $(
                    if folded == fold($canon) $(|| folded == $alias || raw == $alias)* {
                        return Some($name::$variant);
                    }
                )+
                None
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = VocabError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let raw = s.trim();
                Self::lookup(&fold(raw), raw).ok_or_else(|| VocabError {
                    kind: $kind,
                    input: s.to_string(),
                    expected: Self::WORDS,
                    suggestion: crate::model::suggest::nearest(raw, Self::WORDS.iter().copied()),
                })
            }
        }
    };
}

vocabulary! {
    /// Where the client relationship is: being set up, running, or winding down.
    Stage, "stage" {
        /// Kick-off, access, briefs.
        Onboarding = "onboarding" ["on boarding", "integration", "kickoff", "kick off"],
        /// Delivering.
        Active = "active" ["actif", "active stage", "delivery", "live"],
        /// Handing over or leaving.
        Offboarding = "offboarding" ["off boarding", "desintegration", "sortie"],
    }
}

vocabulary! {
    /// Where the work is.
    Status, "status" {
        /// Not begun.
        NotStarted = "not-started" [
            "to do", "todo", "planned", "not started", "non demarre", "pas commence",
            "a faire", "new", "backlog",
        ],
        /// Being worked on.
        InProgress = "in-progress" [
            "wip", "ongoing", "en cours", "started", "doing", "in flight",
        ],
        /// Cannot move until something outside the team happens.
        Blocked = "blocked" ["on hold", "waiting", "stuck", "bloque", "en attente", "paused"],
        /// Delivered.
        Done = "done" ["completed", "complete", "finished", "termine", "fini", "livre", "closed"],
    }
}

vocabulary! {
    /// The RAG health of a project: green on track, yellow at risk, red off track.
    Health, "health" {
        /// On track.
        Green = "green" ["g", "on track", "vert", "ok", "\u{1f7e2}"],
        /// At risk.
        Yellow = "yellow" ["y", "a", "amber", "at risk", "jaune", "orange", "\u{1f7e1}", "\u{1f7e0}"],
        /// Off track.
        Red = "red" ["r", "off track", "rouge", "\u{1f534}"],
    }
}

impl Health {
    /// Severity rank for sorting: red first.
    pub fn severity(self) -> u8 {
        match self {
            Health::Red => 2,
            Health::Yellow => 1,
            Health::Green => 0,
        }
    }

    /// The spreadsheet colour of this health value, as `#rrggbb`.
    pub fn colour_hex(self) -> &'static str {
        match self {
            Health::Green => "#00b050",
            Health::Yellow => "#ffc000",
            Health::Red => "#ff0000",
        }
    }

    /// The same colour as an RGB triple.
    pub fn colour_rgb(self) -> (u8, u8, u8) {
        match self {
            Health::Green => (0x00, 0xb0, 0x50),
            Health::Yellow => (0xff, 0xc0, 0x00),
            Health::Red => (0xff, 0x00, 0x00),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_accepts_spellings_and_french() {
        for s in [
            "In Progress",
            "in_progress",
            "IN-PROGRESS",
            "En cours",
            "WIP",
            "Ongoing",
        ] {
            assert_eq!(s.parse::<Status>(), Ok(Status::InProgress), "{s}");
        }
        for s in ["Bloqué", "On Hold", "Waiting", "Stuck", "blocked"] {
            assert_eq!(s.parse::<Status>(), Ok(Status::Blocked), "{s}");
        }
        for s in ["Terminé", "Completed", "Complete", "Finished", "done"] {
            assert_eq!(s.parse::<Status>(), Ok(Status::Done), "{s}");
        }
        for s in [
            "Non démarré",
            "To Do",
            "Planned",
            "Not Started",
            "not-started",
        ] {
            assert_eq!(s.parse::<Status>(), Ok(Status::NotStarted), "{s}");
        }
    }

    #[test]
    fn health_accepts_rag_and_emoji() {
        for (s, h) in [
            ("Rouge", Health::Red),
            ("Jaune", Health::Yellow),
            ("Vert", Health::Green),
            ("Amber", Health::Yellow),
            ("On Track", Health::Green),
            ("At Risk", Health::Yellow),
            ("Off Track", Health::Red),
            ("G", Health::Green),
            ("Y", Health::Yellow),
            ("A", Health::Yellow),
            ("R", Health::Red),
            ("\u{1f7e2}", Health::Green),
            ("\u{1f7e1}", Health::Yellow),
            ("\u{1f7e0}", Health::Yellow),
            ("\u{1f534}", Health::Red),
        ] {
            assert_eq!(s.parse::<Health>(), Ok(h), "{s}");
        }
    }

    #[test]
    fn stage_accepts_french() {
        assert_eq!("Intégration".parse::<Stage>(), Ok(Stage::Onboarding));
        assert_eq!("Actif".parse::<Stage>(), Ok(Stage::Active));
        assert_eq!("Désintégration".parse::<Stage>(), Ok(Stage::Offboarding));
    }

    #[test]
    fn unknown_word_lists_accepted_and_suggests() {
        let err = "blokced".parse::<Status>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown status `blokced`: expected one of `not-started`, `in-progress`, \
             `blocked`, `done`; did you mean `blocked`?"
        );
        assert_eq!("purple".parse::<Health>().unwrap_err().suggestion, None);
    }

    #[test]
    fn canonical_words_round_trip() {
        for s in Status::ALL {
            assert_eq!(s.to_string().parse::<Status>(), Ok(*s));
        }
        for h in Health::ALL {
            assert_eq!(h.to_string().parse::<Health>(), Ok(*h));
        }
        for s in Stage::ALL {
            assert_eq!(s.to_string().parse::<Stage>(), Ok(*s));
        }
    }
}

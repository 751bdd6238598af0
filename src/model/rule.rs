//! The rules of `tracker check`: what makes a project worth failing a build.

use std::fmt;
use std::str::FromStr;

/// A check rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// A file that does not validate.
    Invalid,
    /// Past due and not done (projects and their milestones).
    Overdue,
    /// Health is red.
    Red,
    /// Status is blocked.
    Blocked,
    /// The weekly check-in was missed.
    Stale,
    /// Due within `due_soon_days`.
    DueSoon,
    /// Health is yellow.
    Yellow,
}

impl Rule {
    /// Every rule, most severe first: the order findings are reported in.
    pub const ALL: &'static [Rule] = &[
        Rule::Invalid,
        Rule::Overdue,
        Rule::Red,
        Rule::Blocked,
        Rule::Stale,
        Rule::DueSoon,
        Rule::Yellow,
    ];

    /// Every rule name.
    pub const WORDS: &'static [&'static str] = &[
        "invalid", "overdue", "red", "blocked", "stale", "due-soon", "yellow",
    ];

    /// The name used on the command line and in `tracker.yaml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Invalid => "invalid",
            Rule::Overdue => "overdue",
            Rule::Red => "red",
            Rule::Blocked => "blocked",
            Rule::Stale => "stale",
            Rule::DueSoon => "due-soon",
            Rule::Yellow => "yellow",
        }
    }

    /// A short title for annotations: `Overdue`, `Due soon`.
    pub fn title(self) -> &'static str {
        match self {
            Rule::Invalid => "Invalid file",
            Rule::Overdue => "Overdue",
            Rule::Red => "Red",
            Rule::Blocked => "Blocked",
            Rule::Stale => "Stale",
            Rule::DueSoon => "Due soon",
            Rule::Yellow => "Yellow",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Rule {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let folded = crate::model::vocab::fold(s).replace(' ', "-");
        let word = if folded == "duesoon" {
            "due-soon"
        } else {
            folded.as_str()
        };
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == word)
            .ok_or_else(|| {
                let list = Rule::WORDS
                    .iter()
                    .map(|w| format!("`{w}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                match crate::model::suggest::nearest(s.trim(), Rule::WORDS.iter().copied()) {
                    Some(n) => format!(
                        "unknown rule `{}`: expected one of {list}; did you mean `{n}`?",
                        s.trim()
                    ),
                    None => format!("unknown rule `{}`: expected one of {list}", s.trim()),
                }
            })
    }
}

/// Parses `overdue,red` and `[overdue, red]`-style lists of rules.
pub fn parse_list<'a>(items: impl IntoIterator<Item = &'a str>) -> Result<Vec<Rule>, String> {
    let mut out = Vec::new();
    for item in items {
        for word in item.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            let rule = word.parse()?;
            if !out.contains(&rule) {
                out.push(rule);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_parse_tolerantly() {
        assert_eq!("due_soon".parse(), Ok(Rule::DueSoon));
        assert_eq!("Due Soon".parse(), Ok(Rule::DueSoon));
        assert_eq!("OVERDUE".parse(), Ok(Rule::Overdue));
        assert!(
            "overdeu"
                .parse::<Rule>()
                .unwrap_err()
                .contains("did you mean `overdue`?")
        );
        assert_eq!(
            parse_list(["overdue,red", "red", " stale "]),
            Ok(vec![Rule::Overdue, Rule::Red, Rule::Stale])
        );
    }

    #[test]
    fn names_round_trip() {
        for r in Rule::ALL {
            assert_eq!(r.as_str().parse(), Ok(*r));
        }
    }
}

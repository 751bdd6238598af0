//! Project and client ids: slugs derived from names, and the id rule.

/// Folds a name to an id: ASCII transliteration (`é` → `e`, `ß` → `ss`),
/// lowercase, every run of other characters turned into one `-`.
///
/// `Société Générale` → `societe-generale`.
pub fn slugify(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The id of a project from its client and project names.
pub fn project_id(client: &str, project: &str) -> String {
    let (c, p) = (slugify(client), slugify(project));
    match (c.is_empty(), p.is_empty()) {
        (false, false) => format!("{c}-{p}"),
        (true, _) => p,
        (false, true) => c,
    }
}

/// Checks an id against `[a-z0-9][a-z0-9-]*`, so it can never name a path
/// outside the projects folder (`..`, `/`, `\` are all refused).
pub fn check_id(id: &str) -> Result<(), String> {
    let mut chars = id.chars();
    match chars.next() {
        None => return Err("an id cannot be empty".into()),
        Some(c) if !(c.is_ascii_lowercase() || c.is_ascii_digit()) => {
            return Err(format!(
                "invalid id `{id}`: it must start with a lowercase letter or a digit"
            ));
        }
        _ => {}
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(format!(
            "invalid id `{id}`: `{bad}` is not allowed; use lowercase letters, digits and `-`"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_punctuation() {
        assert_eq!(slugify("Société Générale"), "societe-generale");
        assert_eq!(slugify("  Acme   Corp!! "), "acme-corp");
        assert_eq!(slugify("Straße & Co."), "strasse-co");
        assert_eq!(
            project_id("Acme Corp", "Website redesign"),
            "acme-corp-website-redesign"
        );
        assert_eq!(
            project_id("Café Étoile", "Refonte du site"),
            "cafe-etoile-refonte-du-site"
        );
    }

    #[test]
    fn ids_with_paths_are_refused() {
        assert!(check_id("../x").is_err());
        assert!(check_id("a/b").is_err());
        assert!(check_id("-a").is_err());
        assert!(check_id("").is_err());
        assert!(check_id("Acme").is_err());
        assert!(check_id("acme-2026").is_ok());
    }
}

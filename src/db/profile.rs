//! The single-row profile and its three lists.

use rusqlite::{OptionalExtension, params};

use super::{Conn, Result, Tx};
use crate::model::{Profile, ProfileList};

pub fn get(conn: &Conn) -> Result<Profile> {
    let mut profile = conn
        .prepare_cached(
            "SELECT name, headline, email, phone, location, summary, updated_at, lang FROM profile WHERE id = 1",
        )?
        .query_row([], |r| {
            Ok(Profile {
                name: r.get(0)?,
                headline: r.get(1)?,
                email: r.get(2)?,
                phone: r.get(3)?,
                location: r.get(4)?,
                summary: r.get(5)?,
                updated_at: r.get(6)?,
                lang: r.get(7)?,
                ..Default::default()
            })
        })
        .optional()?
        .unwrap_or_default();
    let mut stmt = conn.prepare_cached("SELECT text FROM profile_items WHERE kind = ? ORDER BY position")?;
    for list in ProfileList::ALL {
        let items = stmt.query_map([list.as_str()], |r| r.get(0))?;
        *list.items_mut(&mut profile) = items.collect::<rusqlite::Result<_>>()?;
    }
    Ok(profile)
}

pub fn save(conn: &Tx, profile: &Profile) -> Result<()> {
    super::review::guard_portfolio(conn, "the profile")?;
    conn.prepare_cached(
        "INSERT INTO profile (id, name, headline, email, phone, location, summary, updated_at, lang)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, headline = excluded.headline,
             email = excluded.email, phone = excluded.phone, location = excluded.location,
             summary = excluded.summary, updated_at = excluded.updated_at, lang = excluded.lang",
    )?
    .execute(params![
        profile.name,
        profile.headline,
        profile.email,
        profile.phone,
        profile.location,
        profile.summary,
        profile.updated_at,
        profile.lang
    ])?;
    conn.execute("DELETE FROM profile_items", [])?;
    let mut insert =
        conn.prepare_cached("INSERT INTO profile_items (kind, position, text) VALUES (?, ?, ?)")?;
    for list in ProfileList::ALL {
        for (position, text) in list.items(profile).iter().enumerate() {
            insert.execute(params![list.as_str(), position as i64, text])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn an_empty_portfolio_has_an_empty_profile() {
        let db = Db::open_in_memory().unwrap();
        assert!(get(&db.as_tx()).unwrap().is_empty());
    }

    #[test]
    fn the_profile_round_trips() {
        let db = Db::open_in_memory().unwrap();
        let profile = Profile {
            name: Some("Zofia Łukasiewicz".into()),
            summary: Some("Nurse and mentor".into()),
            attributes: vec!["good communicator".into(), "calm".into()],
            job_skills: vec!["good with computers".into()],
            ..Default::default()
        };
        save(&db.as_tx(), &profile).unwrap();
        save(&db.as_tx(), &profile).unwrap();
        assert_eq!(get(&db.as_tx()).unwrap(), profile);
    }
}

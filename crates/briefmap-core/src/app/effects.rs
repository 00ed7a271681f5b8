//! Carries out the effects that touch files — saving a brief's corrections or a deck, reading
//! a deck, writing a pasted brief, reading and writing the saved views — and turns each outcome into the command that reports it.
//! The effects that move views (fly, scroll, full screen) and start loads are the shell's.

use super::deck::Deck;
use super::loading::save_corrections;
use super::saved_view::ViewsFile;
use super::state::{Command, Effect};
use crate::sources::pasted::write_pasted_brief;

/// What became of an effect.
#[derive(Debug)]
pub enum Carried {
    /// Done here; apply these commands (outcomes, failures).
    Done(Vec<Command>),
    /// Not a file effect: the shell carries it out.
    Shell(Effect),
}

/// Carries out `effect` if it is a file effect.
pub fn carry_out(effect: Effect) -> Carried {
    let commands = match effect {
        Effect::SaveCorrections {
            file,
            corrections,
            base,
        } => match save_corrections(&file, &corrections, base.as_ref()) {
            Ok(saved) => vec![Command::CorrectionsSaved { file, saved }],
            Err(error) => vec![Command::SaveFailed { file, error }],
        },
        Effect::SaveDeck { path, deck } => match deck.save(&path) {
            Ok(()) => vec![Command::DeckSaved(path)],
            Err(e) => vec![Command::DeckFailed(e.to_string())],
        },
        Effect::ReadDeck(path) => match Deck::load(&path) {
            Ok(deck) => vec![Command::DeckOpened { path, deck }],
            Err(e) => vec![Command::DeckFailed(e.to_string())],
        },
        Effect::WriteBrief { dir, brief } => {
            match write_pasted_brief(&dir, &brief, chrono::Local::now().naive_local()) {
                Ok(file) => vec![Command::BriefCreated(file)],
                Err(e) => vec![Command::BriefNotCreated(e)],
            }
        }
        Effect::ReadViews(path) => match ViewsFile::load(&path) {
            Ok(file) => vec![Command::ViewsRead { path, file }],
            Err(e) => vec![Command::ViewsFailed {
                path,
                error: e.to_string(),
                read: true,
            }],
        },
        Effect::SaveViews { path, file } => match file.save(&path) {
            Ok(()) => vec![Command::ViewsSaved(path)],
            Err(e) => vec![Command::ViewsFailed {
                path,
                error: e.to_string(),
                read: false,
            }],
        },
        other => return Carried::Shell(other),
    };
    Carried::Done(commands)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn done(effect: Effect) -> Vec<Command> {
        match carry_out(effect) {
            Carried::Done(commands) => commands,
            Carried::Shell(e) => panic!("{e:?} is a file effect"),
        }
    }

    #[test]
    fn a_deck_saved_by_an_effect_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deck.json");
        let deck = Deck::new("Gas talks");
        let saved = done(Effect::SaveDeck {
            path: path.clone(),
            deck: deck.clone(),
        });
        assert!(matches!(&saved[..], [Command::DeckSaved(p)] if p == &path));
        match &done(Effect::ReadDeck(path.clone()))[..] {
            [Command::DeckOpened { path: p, deck: d }] => {
                assert_eq!(p, &path);
                assert_eq!(d.name, "Gas talks");
            }
            other => panic!("{other:?}"),
        }
        let failed = done(Effect::ReadDeck(dir.path().join("missing.json")));
        assert!(matches!(&failed[..], [Command::DeckFailed(e)] if e.contains("missing.json")));
    }

    #[test]
    fn a_failed_save_is_reported_not_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("no/such/folder/a.txt");
        let commands = done(Effect::SaveCorrections {
            file: file.clone(),
            corrections: crate::app::Corrections::default(),
            base: None,
        });
        assert!(matches!(&commands[..], [Command::SaveFailed { file: f, .. }] if f == &file));
    }

    #[test]
    fn view_effects_are_left_to_the_shell() {
        assert!(matches!(
            carry_out(Effect::ScrollListTo(crate::app::EventKey(1))),
            Carried::Shell(Effect::ScrollListTo(_))
        ));
        assert!(matches!(
            carry_out(Effect::StartLoad {
                paths: vec![PathBuf::from("x")],
                replace: false
            }),
            Carried::Shell(_)
        ));
    }
}

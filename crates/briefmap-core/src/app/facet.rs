//! The dimensions the user can filter and count events on.

use serde::{Deserialize, Serialize};

/// A dimension the user can filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Facet {
    Country,
    Organization,
    Person,
    Kind,
    Language,
    Source,
}

impl Facet {
    pub const ALL: [Facet; 6] = [
        Facet::Country,
        Facet::Organization,
        Facet::Person,
        Facet::Kind,
        Facet::Language,
        Facet::Source,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Facet::Country => "Countries",
            Facet::Organization => "Organisations",
            Facet::Person => "People",
            Facet::Kind => "Event kinds",
            Facet::Language => "Languages",
            Facet::Source => "Sources",
        }
    }
}

//! Every colour choice, in one place. Relief is bright and plain for someone
//! in pain; nightly is dim and low-contrast for the evening. With `NO_COLOR`
//! set, only bold, dim and reverse remain.

use ratatui::style::{Color, Modifier, Style};

/// The styles a screen is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub countdown: Style,
    pub gauge: Style,
    pub key: Style,
    pub selected: Style,
    /// Red flags and "see a doctor".
    pub warn: Style,
    pub border: Style,
}

/// Which palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palette {
    /// Home, browse and relief.
    Bright,
    /// Nightly: calm, no bold, no bright colours.
    Calm,
}

impl Theme {
    pub fn new(palette: Palette, no_color: bool) -> Self {
        let plain = Style::new();
        if no_color {
            return Theme {
                text: plain,
                dim: plain.add_modifier(Modifier::DIM),
                title: plain.add_modifier(Modifier::BOLD),
                countdown: plain.add_modifier(Modifier::BOLD),
                gauge: plain,
                key: plain.add_modifier(Modifier::BOLD),
                selected: plain.add_modifier(Modifier::REVERSED),
                warn: plain.add_modifier(Modifier::BOLD),
                border: plain,
            };
        }
        match palette {
            Palette::Bright => Theme {
                text: Style::new().fg(Color::White),
                dim: Style::new().fg(Color::Gray),
                title: Style::new().fg(Color::LightYellow).add_modifier(Modifier::BOLD),
                countdown: Style::new().fg(Color::LightCyan).add_modifier(Modifier::BOLD),
                gauge: Style::new().fg(Color::LightGreen).bg(Color::DarkGray),
                key: Style::new().fg(Color::LightCyan).add_modifier(Modifier::BOLD),
                selected: Style::new().fg(Color::Black).bg(Color::LightCyan),
                warn: Style::new().fg(Color::LightRed).add_modifier(Modifier::BOLD),
                border: Style::new().fg(Color::Gray),
            },
            Palette::Calm => Theme {
                text: Style::new().fg(Color::Gray),
                dim: Style::new().fg(Color::DarkGray),
                title: Style::new().fg(Color::Blue),
                countdown: Style::new().fg(Color::Blue),
                gauge: Style::new().fg(Color::Blue).bg(Color::Black),
                key: Style::new().fg(Color::Blue),
                selected: Style::new().fg(Color::Black).bg(Color::Blue),
                warn: Style::new().fg(Color::Yellow),
                border: Style::new().fg(Color::DarkGray),
            },
        }
    }

    /// Whether the `NO_COLOR` convention asks for no colour.
    pub fn no_color_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }
}

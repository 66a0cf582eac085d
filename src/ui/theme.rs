//! Every colour choice, in one place.
//!
//! Body text is drawn in the terminal's own foreground (no fixed white), so
//! it reads on any background. Accents come from a palette chosen for the
//! background: `dark`, `light`, or `high-contrast` (which paints its own black
//! background). Relief is bright and plain for someone in pain; nightly is
//! calm (no bold). With `NO_COLOR` set, only bold, dim and reverse remain.
//!
//! Accents are xterm 256-colour indices (16-255), whose RGB values are fixed
//! by the xterm palette on every terminal that has 256 colours, unlike the
//! 16 ANSI colours that each terminal theme redefines. That is what lets a
//! test check the WCAG contrast of every pair against the background each
//! theme assumes ([`Background::assumed`]).

use std::time::Duration;

use ratatui::style::{Color, Modifier, Style};

/// `theme` in `config.toml` and `--theme`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, clap::ValueEnum, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeChoice {
    /// Ask the terminal for its background colour (OSC 11); dark if it
    /// does not answer in time.
    #[default]
    Auto,
    Dark,
    Light,
    /// White on a black background limber paints itself, bright accents.
    HighContrast,
}

/// The background a palette is made for, once `auto` is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Background {
    #[default]
    Dark,
    Light,
    HighContrast,
}

/// How long `auto` waits for the terminal's answer, before the first frame.
/// Terminals that do not support the query answer the device-attributes
/// query sent after it at once, so this is only reached when nothing answers
/// at all: it bounds how much later the first frame can come.
pub const QUERY_TIMEOUT: Duration = Duration::from_millis(100);

impl ThemeChoice {
    /// The background to draw for. `auto` asks the terminal (nothing else
    /// may read the terminal meanwhile) and falls back to dark.
    pub fn resolve(self) -> Background {
        match self {
            ThemeChoice::Dark => Background::Dark,
            ThemeChoice::Light => Background::Light,
            ThemeChoice::HighContrast => Background::HighContrast,
            // Over SSH an answer can come after the timeout and would then be
            // read as key presses: dark, without asking (`theme = "light"`
            // in config.toml for a light terminal).
            ThemeChoice::Auto if over_ssh() => Background::Dark,
            ThemeChoice::Auto => {
                let mut options = terminal_colorsaurus::QueryOptions::default();
                options.timeout = QUERY_TIMEOUT;
                match terminal_colorsaurus::theme_mode(options) {
                    Ok(terminal_colorsaurus::ThemeMode::Light) => Background::Light,
                    _ => Background::Dark,
                }
            }
        }
    }
}

fn over_ssh() -> bool {
    ["SSH_CONNECTION", "SSH_TTY"].iter().any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()))
}

impl Background {
    /// Backgrounds (RGB) each palette is checked against: common terminal
    /// defaults for that kind of background, the lightest dark ones and the
    /// darkest light ones included.
    pub fn assumed(self) -> &'static [(u8, u8, u8)] {
        match self {
            // Pure black, VS Code dark, One Dark.
            Background::Dark => &[(0, 0, 0), (0x1e, 0x1e, 0x1e), (0x28, 0x2c, 0x34)],
            // White, Solarized light, light grey.
            Background::Light => &[(0xff, 0xff, 0xff), (0xfd, 0xf6, 0xe3), (0xee, 0xee, 0xee)],
            Background::HighContrast => &[(0, 0, 0)],
        }
    }
}

/// The styles a screen is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Painted over the whole screen first (high contrast sets its own
    /// black background; the others leave the terminal's).
    pub base: Style,
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
    /// Nightly: calm, no bold.
    Calm,
}

/// An xterm 256-colour index.
const fn x(i: u8) -> Color {
    Color::Indexed(i)
}

impl Theme {
    pub fn new(background: Background, palette: Palette, no_color: bool) -> Self {
        let plain = Style::new();
        let bold = Modifier::BOLD;
        if no_color {
            return Theme {
                base: plain,
                text: plain,
                dim: plain.add_modifier(Modifier::DIM),
                title: plain.add_modifier(bold),
                countdown: plain.add_modifier(bold),
                gauge: plain,
                key: plain.add_modifier(bold),
                selected: plain.add_modifier(Modifier::REVERSED),
                warn: plain.add_modifier(bold),
                border: plain,
            };
        }
        let fg = |c: u8| Style::new().fg(x(c));
        // Bold only where relief wants it loud.
        let loud = |s: Style| if palette == Palette::Bright { s.add_modifier(bold) } else { s };
        match (background, palette) {
            (Background::Dark, Palette::Bright) => Theme {
                base: plain,
                text: plain,
                dim: fg(248),
                title: loud(fg(221)),
                countdown: loud(fg(87)),
                gauge: fg(114).bg(x(237)),
                key: loud(fg(117)),
                selected: fg(16).bg(x(117)),
                warn: loud(fg(210)),
                border: fg(246),
            },
            (Background::Dark, Palette::Calm) => Theme {
                base: plain,
                text: plain,
                dim: fg(246),
                title: fg(111),
                countdown: fg(111),
                gauge: fg(111).bg(x(236)),
                key: fg(111),
                selected: fg(16).bg(x(111)),
                warn: fg(179),
                border: fg(246),
            },
            (Background::Light, Palette::Bright) => Theme {
                base: plain,
                text: plain,
                dim: fg(240),
                title: loud(fg(25)),
                countdown: loud(fg(24)),
                gauge: fg(22).bg(x(255)),
                key: loud(fg(24)),
                selected: fg(231).bg(x(25)),
                warn: loud(fg(124)),
                border: fg(241),
            },
            (Background::Light, Palette::Calm) => Theme {
                base: plain,
                text: plain,
                dim: fg(241),
                title: fg(61),
                countdown: fg(61),
                gauge: fg(61).bg(x(255)),
                key: fg(61),
                selected: fg(231).bg(x(61)),
                warn: fg(94),
                border: fg(241),
            },
            (Background::HighContrast, _) => Theme {
                base: fg(231).bg(x(16)),
                text: plain,
                dim: fg(252),
                title: fg(226).add_modifier(bold),
                countdown: fg(226).add_modifier(bold),
                gauge: fg(226).bg(x(238)),
                key: fg(51).add_modifier(bold),
                selected: fg(16).bg(x(226)),
                warn: fg(210).add_modifier(bold),
                border: fg(231),
            },
        }
    }

    /// Whether the `NO_COLOR` convention asks for no colour.
    pub fn no_color_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }
}

/// The RGB value of an xterm 256-colour index from 16 up (the 6x6x6 cube
/// and the grey ramp); `None` for the 16 colours terminals redefine.
pub fn xterm_rgb(i: u8) -> Option<(u8, u8, u8)> {
    const LEVEL: [u8; 6] = [0, 95, 135, 175, 215, 255];
    match i {
        0..=15 => None,
        16..=231 => {
            let i = i - 16;
            Some((LEVEL[(i / 36) as usize], LEVEL[(i / 6 % 6) as usize], LEVEL[(i % 6) as usize]))
        }
        _ => {
            let v = 8 + 10 * (i - 232);
            Some((v, v, v))
        }
    }
}

/// WCAG 2 relative luminance of an sRGB colour.
pub fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG 2 contrast ratio of two colours, from 1 to 21.
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_the_wcag_reference_values() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast((0x77, 0x77, 0x77), (255, 255, 255)) - 4.48).abs() < 0.01);
        assert_eq!(xterm_rgb(16), Some((0, 0, 0)));
        assert_eq!(xterm_rgb(231), Some((255, 255, 255)));
        assert_eq!(xterm_rgb(117), Some((135, 215, 255)));
        assert_eq!(xterm_rgb(244), Some((128, 128, 128)));
        assert_eq!(xterm_rgb(9), None);
    }

    #[test]
    fn fixed_choices_resolve_without_asking_the_terminal() {
        assert_eq!(ThemeChoice::Dark.resolve(), Background::Dark);
        assert_eq!(ThemeChoice::Light.resolve(), Background::Light);
        assert_eq!(ThemeChoice::HighContrast.resolve(), Background::HighContrast);
    }
}

//! Arbitrary bytes and arbitrary TOML-shaped text never make the loader
//! panic: every input gives a routine or a diagnostic.

use limber::builtin;
use limber::routine::{Origin, load};
use proptest::prelude::*;

fn parse(text: &str) {
    let _ = load::parse_routine("fuzz.toml", text, builtin::catalogue(), Origin::BuiltIn);
}

/// Fragments that make a loader take its less common paths.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("id = \"x\"\n".to_string()),
        Just("title = \"T\"\n".to_string()),
        Just("mode = \"relief\"\n".to_string()),
        Just("mode = \"nightly\"\n".to_string()),
        Just("muscles = [\"calf\"]\n".to_string()),
        Just("summary = \"s\"\nsource = \"leg-cramping\"\n".to_string()),
        Just("[defaults]\n".to_string()),
        Just("[[steps]]\nstretch = \"calf-standing\"\n".to_string()),
        Just("[[stretches]]\nid = \"a\"\nname = \"A\"\nmuscle = \"calf\"\nposition = \"seated\"\ninstructions = [\"x\"]\ncue = \"c\"\nsource = \"s\"\n".to_string()),
        (-100i64..200).prop_map(|n| format!("hold = {n}\n")),
        (-5i64..500).prop_map(|n| format!("rest = {n}\nreps = {n}\n")),
        "[a-z_]{1,8} = [0-9\"\\[\\]{}.,]{0,12}\n",
        "\\PC{0,20}",
        Just("\u{1b}[2J".to_string()),
        (1usize..40).prop_map(|n| format!("muscles = {}{}\n", "[".repeat(n), "]".repeat(n))),
        (1usize..40).prop_map(|n| format!("x = {}\n", "{a = ".repeat(n) + &"}".repeat(n))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            parse(text);
        }
        parse(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_toml_never_panics(parts in proptest::collection::vec(fragment(), 0..14)) {
        parse(&parts.concat());
    }
}

#[test]
fn very_deep_nesting_is_refused_not_a_stack_overflow() {
    let text = format!("id = \"x\"\nmuscles = {}{}\n", "[".repeat(200_000), "]".repeat(200_000));
    let err = load::parse_routine("deep.toml", &text, builtin::catalogue(), Origin::BuiltIn).unwrap_err();
    assert!(err.message.contains("nested more than"), "{}", err.message);
}

//! The generator over arbitrary specs: an API file and a file it may `$ref` (the input is
//! split at the first NUL), in memory. Any input ends in files or an error, never a panic
//! or a hang.
#![no_main]

use codegen::{Input, MemoryFs};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let text = String::from_utf8_lossy(input);
    let (api, other) = text.split_once('\0').unwrap_or((&text, ""));
    let mut fs = MemoryFs::new();
    fs.insert("/spec/api.yaml", api);
    fs.insert("/spec/other.yaml", other);
    fs.insert("/spec/defs/other.json", other);
    let input = Input {
        spec_dir: "/spec".into(),
        overlay: None,
        crate_name: "fuzzed".into(),
        spec_label: "spec".into(),
        workspace_member: false,
    };
    let _ = codegen::generate(&fs, &input);
});

//! `RealFs::canonicalize` remembers folders; the identity of a file must stay the OS's:
//! a file reached through a symlinked folder or as a symlink itself is the file it names,
//! and a missing file or a symlink loop is an error.

use std::os::unix::fs::symlink;
use std::path::PathBuf;

use codegen::SpecFs;
use xtask::{RealFs, workspace_root};

fn scratch(name: &str) -> PathBuf {
    let dir = workspace_root().join("target/real-fs-test").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.canonicalize().unwrap()
}

#[test]
fn canonical_paths_agree_with_the_os() {
    let dir = scratch("agree");
    std::fs::create_dir(dir.join("real")).unwrap();
    std::fs::write(dir.join("real/schema.json"), "{}").unwrap();
    symlink("real", dir.join("linked")).unwrap();
    symlink("schema.json", dir.join("real/alias.json")).unwrap();
    symlink("loop-b.json", dir.join("real/loop-a.json")).unwrap();
    symlink("loop-a.json", dir.join("real/loop-b.json")).unwrap();

    let fs = RealFs::default();
    let file = dir.join("real/schema.json");
    for path in [
        dir.join("real/schema.json"),
        dir.join("linked/schema.json"),
        dir.join("linked/../real/schema.json"),
        dir.join("real/alias.json"),
        dir.join("linked/alias.json"),
    ] {
        // Asked twice: the second answer comes from the remembered folder.
        for _ in 0..2 {
            assert_eq!(fs.canonicalize(&path).unwrap(), file, "{}", path.display());
        }
    }
    assert!(fs.canonicalize(&dir.join("linked/missing.json")).is_err());
    assert!(fs.canonicalize(&dir.join("real/loop-a.json")).is_err());
    assert_eq!(
        fs.canonicalize(&dir.join("linked")).unwrap(),
        dir.join("real")
    );
}

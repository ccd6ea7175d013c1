//! The API reference in a real browser: `generated/api.html` (what the server serves at
//! `/docs`) and every good fixture's `api.html` load in headless Chromium without a console
//! error, every link within the page leads to an element, and the page fits a phone's width
//! (`xtask/src/browser.rs` installs the tools; `xtask/browser/check.mjs` checks). Without
//! Chromium, Node.js or the npm registry this test fails, saying what is missing.

use std::path::PathBuf;

#[test]
fn api_reference_pages_work_in_a_browser() {
    let root = xtask::workspace_root();
    let mut pages = vec![root.join("generated/api.html")];
    let fixtures = root.join("xtask/tests/fixtures/good");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|entry| entry.unwrap().path().join("expected/api.html"))
        .filter(|page| page.exists())
        .collect();
    found.sort();
    assert!(found.len() >= 2, "good fixtures' api.html missing");
    pages.extend(found);
    match xtask::browser::check(&root, &pages) {
        Ok(report) => print!("{report}"),
        Err(error) => panic!("{error:#}"),
    }
}

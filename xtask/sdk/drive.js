#!/usr/bin/env node
// Runs the membership story (story.js) through matrix-js-sdk 0.3.0 under Node.js:
//
//   NODE_PATH=target/sdk/js/node_modules node drive.js BASE_URL USER:PASSWORD...
//
// with five users (alice, bob, carol, dave, eve in story.js). Prints each step, then
// "N passed, N failed, N skipped"; exits 1 when a step failed.
"use strict";

const { membershipStory } = require("./story.js");

const [baseUrl, ...pairs] = process.argv.slice(2);
if (!baseUrl || pairs.length !== 5) {
    console.error("usage: node drive.js BASE_URL USER:PASSWORD x5");
    process.exit(2);
}
const users = pairs.map((pair) => {
    const colon = pair.indexOf(":");
    return { user: pair.slice(0, colon), password: pair.slice(colon + 1) };
});

const sdk = require("matrix-js-sdk");

membershipStory(sdk, { baseUrl, users }, (line) => console.log(line))
    .catch((err) => {
        console.log(`FAIL the story itself threw: ${err && err.stack}`);
        return { passed: 0, failed: 1, skipped: 0 };
    })
    .then((counts) => {
        console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
        // The SDK's keep-alive sockets would hold the process open.
        process.exit(counts.failed ? 1 : 0);
    });

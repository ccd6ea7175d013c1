// The room-membership story, told through matrix-js-sdk 0.3.0's own calls (never raw HTTP),
// against a Matrix Client-Server v1 homeserver. The same file runs under Node.js (drive.js)
// and in a browser page beside the SDK's browser build (browser.html), where every answer
// must also pass the browser's CORS checks.
//
// Each step says what the server must do and asserts it on what the SDK hands its caller:
// a result, or a MatrixError with `httpStatus` and `errcode`. A step prints
//   ok   ID what
//   FAIL ID what: expected ..., got ...
//   skip ID what: not in this SDK (why)
// Step IDs are shared with drive.py, so the two SDKs' runs line up.
//
// Users, by position: alice creates the room, bob is invited at creation, joins by alias and
// leaves, carol is invited later, joins by room ID and is banned, dave is a stranger until
// alice invites him after bob has left, eve spends her rate limit. The server's cap on a
// request body must be under 70,000 bytes.
//
// Kick and unban are not in the story: 0.3.0 sends both as PUT
// /rooms/{roomId}/state/m.room.member/{userId}, which the v1 API does not have (it has
// POST /rooms/{roomId}/kick and /unban).
(function (exports) {
    "use strict";

    class Unexpected extends Error {}

    function show(value) {
        return typeof value === "string" ? value : JSON.stringify(value);
    }

    function expect(holds, expected, got) {
        if (!holds) {
            throw new Unexpected(`expected ${expected}, got ${show(got)}`);
        }
    }

    // `promise`, or a rejection once `ms` have passed without it settling.
    function within(promise, ms, what) {
        let timer;
        const late = new Promise((resolve, reject) => {
            timer = setTimeout(() => reject(new Unexpected(`${what}: no answer within ${ms} ms`)), ms);
        });
        return Promise.race([Promise.resolve(promise), late]).then(
            (value) => { clearTimeout(timer); return value; },
            (err) => { clearTimeout(timer); throw err; });
    }

    async function story(sdk, options, print) {
        const counts = { passed: 0, failed: 0, skipped: 0 };
        const stepMs = 15000; // for each step, however many requests it makes

        function describe(err) {
            if (err instanceof Unexpected) {
                return err.message;
            }
            if (err instanceof sdk.MatrixError) {
                return `MatrixError ${err.httpStatus} ${err.errcode} "${err.message}"`;
            }
            // Not an answer from the server: in a browser, a request CORS refused.
            return `${(err && err.name) || "error"}: ${(err && err.message) || show(err)}`;
        }

        async function step(id, what, body) {
            try {
                const detail = await within(body(), stepMs, id);
                counts.passed++;
                print(`ok   ${id} ${what}${detail ? ` (${detail})` : ""}`);
                return true;
            } catch (err) {
                counts.failed++;
                print(`FAIL ${id} ${what}: ${describe(err)}`);
                return false;
            }
        }

        function notInSdk(id, what, why) {
            counts.skipped++;
            print(`skip ${id} ${what}: not in this SDK (${why})`);
        }

        // `err` must be a MatrixError with this status and errcode.
        function isError(err, status, errcode) {
            expect(err instanceof sdk.MatrixError && err.httpStatus === status && err.errcode === errcode,
                `MatrixError ${status} ${errcode}`, describe(err));
        }

        // The SDK call must fail with this status and errcode.
        async function refused(promise, status, errcode) {
            let result;
            try {
                result = await promise;
            } catch (err) {
                isError(err, status, errcode);
                return err;
            }
            throw new Unexpected(`expected ${status} ${errcode}, got success ${
                show(result && result.roomId ? { roomId: result.roomId } : result)}`);
        }

        function membershipsIn(state) {
            const members = {};
            for (const event of state) {
                if (event.type === "m.room.member") {
                    members[event.state_key] = event.content.membership;
                }
            }
            return members;
        }

        function stop(why) {
            print(`the story stops here: ${why}`);
            return counts;
        }

        const anonymous = sdk.createClient({ baseUrl: options.baseUrl });
        const names = ["alice", "bob", "carol", "dave", "eve"];
        const client = {};
        const id = {};
        let domain = null;

        // Logging in: 0.3.0 returns the token and keeps nothing, so a logged-in client is a
        // second createClient with the token, as a 2015 application made it.
        for (const [i, name] of names.entries()) {
            const { user, password } = options.users[i];
            await step("S01", `${name} logs in with a password`, async () => {
                const answer = await anonymous.loginWithPassword(user, password);
                expect(answer && typeof answer.access_token === "string" && typeof answer.user_id === "string",
                    "{user_id, access_token}", answer);
                id[name] = answer.user_id;
                domain = answer.user_id.slice(answer.user_id.indexOf(":") + 1);
                client[name] = sdk.createClient({
                    baseUrl: options.baseUrl, accessToken: answer.access_token, userId: answer.user_id,
                });
                return answer.user_id;
            });
        }
        if (Object.keys(client).length < names.length) {
            return stop("every user must be logged in");
        }
        const { alice, bob, carol, dave, eve } = client;

        await step("S02", "a wrong password is refused: 403 M_FORBIDDEN", async () => {
            await refused(anonymous.loginWithPassword(options.users[0].user, "not the password"), 403, "M_FORBIDDEN");
        });

        const tag = `js${Date.now().toString(36)}`;
        const alias = `#${tag}:${domain}`;
        const secondAlias = `#${tag}-second:${domain}`;
        let roomId = null;
        const created = await step("S03", "alice creates a private room with an alias, inviting bob", async () => {
            const answer = await alice.createRoom({ room_alias_name: tag, visibility: "private", invite: [id.bob] });
            expect(answer && typeof answer.room_id === "string" && answer.room_id.startsWith("!"),
                "{room_id: \"!…\"}", answer);
            roomId = answer.room_id;
            return roomId;
        });
        if (!created) {
            return stop("the rest happens in that room");
        }

        await step("S04", "the alias resolves to the room", async () => {
            const answer = await alice.getRoomIdForAlias(alias);
            expect(answer && answer.room_id === roomId, `room_id ${roomId}`, answer);
            expect(Array.isArray(answer.servers), "a servers list", answer);
        });
        await step("S05", "the alias resolves without an access token", async () => {
            const answer = await anonymous.resolveRoomAlias(alias);
            expect(answer && answer.room_id === roomId, `room_id ${roomId}`, answer);
        });

        await step("S06", "dave, not invited, cannot join by room ID: 403 M_FORBIDDEN", async () => {
            await refused(dave.joinRoom(roomId), 403, "M_FORBIDDEN");
        });
        // joinRoom posts /join/{roomIdOrAlias}, then syncs the room (GET
        // /rooms/{roomId}/initialSync) into the Room it resolves with.
        await step("S07", "bob joins by alias; the SDK's room sync shows him joined", async () => {
            const room = await bob.joinRoom(alias);
            expect(room && room.roomId === roomId, `a Room ${roomId}`, room && room.roomId);
            expect(room.hasMembershipState(id.bob, "join"), "bob joined in the synced Room",
                room.currentState.getMembers().map((m) => `${m.userId}=${m.membership}`).join(", "));
            return `${room.currentState.getMembers().length} members synced`;
        });
        await step("S08", "alice invites carol", async () => {
            const answer = await alice.invite(roomId, id.carol);
            expect(answer && typeof answer === "object", "{}", answer);
        });
        await step("S09", "carol joins by room ID; the SDK's room sync shows her joined", async () => {
            const room = await carol.joinRoom(roomId);
            expect(room && room.roomId === roomId, `a Room ${roomId}`, room && room.roomId);
            expect(room.hasMembershipState(id.carol, "join"), "carol joined in the synced Room",
                room.currentState.getMembers().map((m) => `${m.userId}=${m.membership}`).join(", "));
        });
        notInSdk("S10", "join through POST /rooms/{roomId}/join", "joinRoom always posts /join/{roomIdOrAlias}");

        await step("S11", "the room's state: created, invite-only, with its alias", async () => {
            const state = await alice.roomState(roomId);
            expect(Array.isArray(state), "a list of state events", state);
            expect(state.some((e) => e.type === "m.room.create"), "an m.room.create event", state.map((e) => e.type));
            const rules = state.find((e) => e.type === "m.room.join_rules");
            expect(rules && rules.content.join_rule === "invite", "join_rule invite", rules);
            expect(state.some((e) => e.type === "m.room.aliases" && (e.content.aliases || []).includes(alias)),
                `m.room.aliases listing ${alias}`, state.filter((e) => e.type === "m.room.aliases"));
            return `${state.length} events`;
        });
        await step("S12", "one state event: the join rules", async () => {
            const content = await alice.getStateEvent(roomId, "m.room.join_rules", "");
            expect(content && content.join_rule === "invite", "{join_rule: \"invite\"}", content);
        });
        await step("S13", "a state event the room lacks (m.room.name): 404 M_NOT_FOUND", async () => {
            await refused(alice.getStateEvent(roomId, "m.room.name", ""), 404, "M_NOT_FOUND");
        });
        await step("S14", "the members: alice, bob and carol joined", async () => {
            const members = membershipsIn(await alice.roomState(roomId));
            for (const name of ["alice", "bob", "carol"]) {
                expect(members[id[name]] === "join", `${id[name]} joined`, members);
            }
        });
        await step("S15", "the room's initial sync: alice joined, its state and messages", async () => {
            const answer = await alice.roomInitialSync(roomId, 10);
            expect(answer && answer.room_id === roomId, `room_id ${roomId}`, answer && answer.room_id);
            expect(answer.membership === "join", "membership join", answer.membership);
            expect(Array.isArray(answer.state) && answer.messages && Array.isArray(answer.messages.chunk),
                "state and messages.chunk", Object.keys(answer));
        });
        notInSdk("S16", "the members through GET /rooms/{roomId}/members", "no call for it in 0.3.0");

        await step("S17", "alice adds a second alias to the directory", async () => {
            const answer = await alice.createAlias(secondAlias, roomId);
            expect(answer && typeof answer === "object", "{}", answer);
        });
        await step("S18", "the second alias resolves to the room", async () => {
            const answer = await bob.getRoomIdForAlias(secondAlias);
            expect(answer && answer.room_id === roomId, `room_id ${roomId}`, answer);
        });
        await step("S19", "an alias already taken cannot be added again: 409 M_UNKNOWN", async () => {
            await refused(bob.createAlias(secondAlias, roomId), 409, "M_UNKNOWN");
        });
        await step("S20", "an alias nobody added: 404 M_NOT_FOUND", async () => {
            await refused(alice.getRoomIdForAlias(`#${tag}-nobody:${domain}`), 404, "M_NOT_FOUND");
        });
        notInSdk("S21", "remove an alias from the directory", "no call for DELETE /directory/room/{roomAlias} in 0.3.0");

        await step("S22", "bob, below the ban level, cannot ban: 403 M_FORBIDDEN", async () => {
            await refused(bob.ban(roomId, id.carol, "no right"), 403, "M_FORBIDDEN");
        });
        await step("S23", "alice bans carol", async () => {
            const answer = await alice.ban(roomId, id.carol, "story");
            expect(answer && typeof answer === "object", "{}", answer);
        });
        // By alias: joinRoom(roomId) would answer from the SDK's cached Room, which still
        // shows carol joined, without asking the server.
        await step("S24", "carol, banned, cannot join again (by alias): 403 M_FORBIDDEN", async () => {
            await refused(carol.joinRoom(alias), 403, "M_FORBIDDEN");
        });

        await step("S25", "bob leaves", async () => {
            const answer = await bob.leave(roomId);
            expect(answer && typeof answer === "object", "{}", answer);
        });
        await step("S26", "alice invites dave, after bob left", async () => {
            const answer = await alice.invite(roomId, id.dave);
            expect(answer && typeof answer === "object", "{}", answer);
        });
        await step("S27", "bob still reads the state as it was when he left, without dave's invite", async () => {
            const members = membershipsIn(await bob.roomState(roomId));
            expect(members[id.bob] === "leave" && members[id.carol] === "ban" && !(id.dave in members),
                "bob leave, carol ban, no dave", members);
        });
        await step("S28", "bob, no longer invited, cannot join again (by alias): 403 M_FORBIDDEN", async () => {
            await refused(bob.joinRoom(alias), 403, "M_FORBIDDEN");
        });
        notInSdk("S29", "forget the room", "no call for POST /rooms/{roomId}/forget in 0.3.0");

        await step("S30", "an unknown access token: 403 M_UNKNOWN_TOKEN", async () => {
            const stranger = sdk.createClient({ baseUrl: options.baseUrl, accessToken: "not-a-token", userId: id.alice });
            await refused(stranger.roomState(roomId), 403, "M_UNKNOWN_TOKEN");
        });
        await step("S31", "a request body over the server's cap: 413 M_TOO_LARGE", async () => {
            await refused(alice.createRoom({ visibility: "private", topic: "x".repeat(70000) }), 413, "M_TOO_LARGE");
        });
        await step("S32", "eve's burst of invites ends in 429 M_LIMIT_EXCEEDED with retry_after_ms", async () => {
            const own = await eve.createRoom({ visibility: "private" });
            for (let i = 0; i < 200; i++) {
                try {
                    await eve.invite(own.room_id, `@${tag}-guest${i}:${domain}`);
                } catch (err) {
                    isError(err, 429, "M_LIMIT_EXCEEDED");
                    expect(Number.isInteger(err.data.retry_after_ms) && err.data.retry_after_ms > 0,
                        "a positive integer retry_after_ms", err.data);
                    return `after ${i} invites`;
                }
            }
            throw new Unexpected("expected a 429 within 200 invites, got none");
        });
        return counts;
    }

    exports.membershipStory = story;
})(typeof module === "object" ? module.exports : window);

"""The room-membership story, told through matrix_client 0.0.2's own calls (never raw HTTP),
against a Matrix Client-Server v1 homeserver:

    target/sdk/venv/bin/python drive.py BASE_URL USER:PASSWORD x5

Users, by position: alice creates the room, bob is invited at creation, joins by alias and
leaves, carol is invited later, joins by room ID and is banned, dave is a stranger until
alice invites him after bob has left, eve spends her rate limit. The server's cap on a
request body must be under 70,000 bytes.

Each step says what the server must do and asserts it on what the SDK hands its caller: a
result, or a MatrixRequestError with the HTTP status (`code`) and the body as text
(`content`, where the errcode is). A step prints "ok ID what", "FAIL ID what: expected ...,
got ..." or "skip ID what: not in this SDK (why)"; step IDs are shared with story.js (the
JavaScript SDK). Then "N passed, N failed, N skipped"; the exit code is 1 when a step failed.

The story uses the SDK's MatrixHttpApi. Its MatrixClient cannot be had logged in here: its
login and its constructor given a token both fetch GET /initialSync, the global sync that
this membership server does not serve, and its join makes no room sync of its own. Kick is
not in the story: 0.0.2 sends it as PUT /rooms/{roomId}/state/m.room.member/{userId}, which
the v1 API does not have (it has POST /rooms/{roomId}/kick).
"""
import json
import socket
import sys
import time

import py2compat  # noqa: F401  (before the 2015 packages)
from matrix_client.api import MatrixHttpApi, MatrixRequestError

counts = {"passed": 0, "failed": 0, "skipped": 0}


class Unexpected(Exception):
    pass


def show(value):
    return value if isinstance(value, str) else json.dumps(value, default=repr)


def expect(holds, expected, got):
    if not holds:
        raise Unexpected("expected %s, got %s" % (expected, show(got)))


def describe(err):
    if isinstance(err, Unexpected):
        return str(err)
    if isinstance(err, MatrixRequestError):
        return "MatrixRequestError %s %s" % (err.code, err.content)
    return "%s: %s" % (type(err).__name__, err)


def step(sid, what, body):
    try:
        detail = body()
        counts["passed"] += 1
        print("ok   %s %s%s" % (sid, what, " (%s)" % detail if isinstance(detail, str) else ""))
        return True
    except Exception as err:  # a crash inside the SDK fails the step too
        counts["failed"] += 1
        print("FAIL %s %s: %s" % (sid, what, describe(err)))
        return False
    finally:
        sys.stdout.flush()


def not_in_sdk(sid, what, why):
    counts["skipped"] += 1
    print("skip %s %s: not in this SDK (%s)" % (sid, what, why))


def error_body(err, status, errcode):
    """The error body of `err`, which must have this status and errcode (0.0.2 leaves the
    errcode in the body text)."""
    try:
        body = json.loads(err.content)
    except ValueError:
        body = None
    expect(err.code == status and isinstance(body, dict) and body.get("errcode") == errcode,
           "%s %s" % (status, errcode), describe(err))
    return body


def refused(call, status, errcode):
    """The SDK call must fail with this status and errcode; returns the error body."""
    try:
        result = call()
    except MatrixRequestError as err:
        return error_body(err, status, errcode)
    raise Unexpected("expected %s %s, got success %s" % (status, errcode, show(result)))


def memberships_in(state):
    return {e["state_key"]: e["content"].get("membership") for e in state if e.get("type") == "m.room.member"}


def story(base_url, users):
    names = ["alice", "bob", "carol", "dave", "eve"]
    api, uid = {}, {}
    domain = None

    for name, (user, password) in zip(names, users):
        def login(name=name, user=user, password=password):
            nonlocal domain
            answer = MatrixHttpApi(base_url).login("m.login.password", user=user, password=password)
            expect(isinstance(answer.get("access_token"), str) and isinstance(answer.get("user_id"), str),
                   "{user_id, access_token}", answer)
            uid[name] = answer["user_id"]
            domain = answer["user_id"].split(":", 1)[1]
            api[name] = MatrixHttpApi(base_url, token=answer["access_token"])
            return answer["user_id"]
        step("S01", "%s logs in with a password" % name, login)
    if len(api) < len(names):
        print("the story stops here: every user must be logged in")
        return
    alice, bob, carol, dave, eve = (api[name] for name in names)

    step("S02", "a wrong password is refused: 403 M_FORBIDDEN",
         lambda: refused(lambda: MatrixHttpApi(base_url).login(
             "m.login.password", user=users[0][0], password="not the password"), 403, "M_FORBIDDEN"))

    tag = "py%x" % int(time.time() * 1000)
    alias = "#%s:%s" % (tag, domain)
    room = {}

    def create():
        answer = alice.create_room(alias=tag, is_public=False, invitees=[uid["bob"]])
        expect(isinstance(answer.get("room_id"), str) and answer["room_id"].startswith("!"),
               '{room_id: "!…"}', answer)
        room["id"] = answer["room_id"]
        return answer["room_id"]
    if not step("S03", "alice creates a private room with an alias, inviting bob", create):
        print("the story stops here: the rest happens in that room")
        return
    room_id = room["id"]

    not_in_sdk("S04", "the alias resolves to the room", "no call for GET /directory/room/{roomAlias}")
    not_in_sdk("S05", "the alias resolves without an access token", "no call for GET /directory/room/{roomAlias}")

    step("S06", "dave, not invited, cannot join by room ID: 403 M_FORBIDDEN",
         lambda: refused(lambda: dave.join_room(room_id), 403, "M_FORBIDDEN"))

    # join_room posts /join/{roomIdOrAlias} with the body `null` and returns the answer.
    def joins(who, target):
        def body():
            answer = who.join_room(target)
            expect(answer.get("room_id") == room_id, "room_id %s" % room_id, answer)
        return body
    step("S07", "bob joins by alias (the SDK makes no room sync)", joins(bob, alias))
    step("S08", "alice invites carol",
         lambda: expect(alice.invite_user(room_id, uid["carol"]) == {}, "{}", "something else"))
    step("S09", "carol joins by room ID (the SDK makes no room sync)", joins(carol, room_id))
    not_in_sdk("S10", "join through POST /rooms/{roomId}/join", "join_room always posts /join/{roomIdOrAlias}")

    def whole_state():
        state = alice.get_room_state(room_id)
        expect(isinstance(state, list), "a list of state events", state)
        expect(any(e["type"] == "m.room.create" for e in state), "an m.room.create event",
               [e["type"] for e in state])
        rules = [e for e in state if e["type"] == "m.room.join_rules"]
        expect(rules and rules[0]["content"].get("join_rule") == "invite", "join_rule invite", rules)
        expect(any(e["type"] == "m.room.aliases" and alias in e["content"].get("aliases", []) for e in state),
               "m.room.aliases listing %s" % alias, [e for e in state if e["type"] == "m.room.aliases"])
        return "%d events" % len(state)
    step("S11", "the room's state: created, invite-only, with its alias", whole_state)
    not_in_sdk("S12", "one state event: the join rules", "only get_room_name and get_room_topic")
    step("S13", "a state event the room lacks (m.room.name): 404 M_NOT_FOUND",
         lambda: refused(lambda: alice.get_room_name(room_id), 404, "M_NOT_FOUND"))

    def members():
        found = memberships_in(alice.get_room_state(room_id))
        for name in ("alice", "bob", "carol"):
            expect(found.get(uid[name]) == "join", "%s joined" % uid[name], found)
    step("S14", "the members: alice, bob and carol joined", members)
    not_in_sdk("S15", "the room's initial sync", "no call for GET /rooms/{roomId}/initialSync")
    not_in_sdk("S16", "the members through GET /rooms/{roomId}/members", "no call for it")

    for sid, what in (("S17", "alice adds a second alias to the directory"),
                      ("S18", "the second alias resolves to the room"),
                      ("S19", "an alias already taken cannot be added again: 409 M_UNKNOWN"),
                      ("S20", "an alias nobody added: 404 M_NOT_FOUND"),
                      ("S21", "remove an alias from the directory")):
        not_in_sdk(sid, what, "no calls for /directory/room/{roomAlias}")

    step("S22", "bob, below the ban level, cannot ban: 403 M_FORBIDDEN",
         lambda: refused(lambda: bob.ban_user(room_id, uid["carol"], "no right"), 403, "M_FORBIDDEN"))
    step("S23", "alice bans carol",
         lambda: expect(alice.ban_user(room_id, uid["carol"], "story") == {}, "{}", "something else"))
    step("S24", "carol, banned, cannot join again (by alias): 403 M_FORBIDDEN",
         lambda: refused(lambda: carol.join_room(alias), 403, "M_FORBIDDEN"))

    step("S25", "bob leaves", lambda: expect(bob.leave_room(room_id) == {}, "{}", "something else"))

    step("S26", "alice invites dave, after bob left",
         lambda: expect(alice.invite_user(room_id, uid["dave"]) == {}, "{}", "something else"))

    def state_at_leave():
        found = memberships_in(bob.get_room_state(room_id))
        expect(found.get(uid["bob"]) == "leave" and found.get(uid["carol"]) == "ban" and uid["dave"] not in found,
               "bob leave, carol ban, no dave", found)
    step("S27", "bob still reads the state as it was when he left, without dave's invite", state_at_leave)
    step("S28", "bob, no longer invited, cannot join again (by alias): 403 M_FORBIDDEN",
         lambda: refused(lambda: bob.join_room(alias), 403, "M_FORBIDDEN"))
    not_in_sdk("S29", "forget the room", "no call for POST /rooms/{roomId}/forget")

    step("S30", "an unknown access token: 403 M_UNKNOWN_TOKEN",
         lambda: refused(lambda: MatrixHttpApi(base_url, token="not-a-token").get_room_state(room_id),
                         403, "M_UNKNOWN_TOKEN"))
    step("S31", "a request body over the server's cap: 413 M_TOO_LARGE",
         lambda: refused(lambda: alice.create_room(alias="x" * 70000), 413, "M_TOO_LARGE"))

    def burst():
        own = eve.create_room()["room_id"]
        for i in range(200):
            try:
                eve.invite_user(own, "@%s-guest%d:%s" % (tag, i, domain))
            except MatrixRequestError as err:
                body = error_body(err, 429, "M_LIMIT_EXCEEDED")
                expect(isinstance(body.get("retry_after_ms"), int) and body["retry_after_ms"] > 0,
                       "a positive integer retry_after_ms", body)
                return "after %d invites" % i
        raise Unexpected("expected a 429 within 200 invites, got none")
    step("S32", "eve's burst of invites ends in 429 M_LIMIT_EXCEEDED with retry_after_ms", burst)


def main():
    if len(sys.argv) != 7:
        sys.exit("usage: drive.py BASE_URL USER:PASSWORD x5")
    base_url = sys.argv[1]
    users = [tuple(pair.split(":", 1)) for pair in sys.argv[2:]]
    # requests 2.7.0 sets no timeout; its urllib3 falls back to this one.
    socket.setdefaulttimeout(15)
    try:
        story(base_url, users)
    except Exception as err:
        counts["failed"] += 1
        print("FAIL the story itself threw: %s" % describe(err))
    print("%(passed)d passed, %(failed)d failed, %(skipped)d skipped" % counts)
    sys.exit(1 if counts["failed"] else 0)


if __name__ == "__main__":
    main()

// Generated from api-spec/api/client-server/v1 by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Every example in the spec, round-tripped through its generated type.
generated::round_trip!(
    banning_ban_forbidden_response, generated::schemas::Error,
    r#"{"errcode":"M_FORBIDDEN","error":"You do not have a high enough power level to ban from this room."}"#,
    "banning.yaml:72"
);
generated::round_trip!(
    banning_ban_ok_response, generated::runtime::JsonObject, r#"{}"#, "banning.yaml:61"
);
generated::round_trip!(
    banning_ban_request_body, generated::banning::ban::RequestBody,
    r#"{"reason":"Telling unfunny jokes","user_id":"@cheeky_monkey:matrix.org"}"#,
    "banning.yaml:44"
);
generated::round_trip!(
    banning_kick_ok_response, generated::runtime::JsonObject, r#"{}"#, "banning.yaml:20"
);
generated::round_trip!(
    banning_kick_request_body, generated::banning::kick::KickRequest,
    r#"{"user_id":"@cheeky_monkey:matrix.org","reason":"Telling unfunny jokes"}"#,
    "banning.yaml:20"
);
generated::round_trip!(
    banning_unban_ok_response, generated::runtime::JsonObject, r#"{}"#, "banning.yaml:20"
);
generated::round_trip!(
    banning_unban_request_body, generated::banning::unban::UnbanRequest,
    r#"{"user_id":"@cheeky_monkey:matrix.org"}"#, "banning.yaml:20"
);
generated::round_trip!(
    create_room_create_room_ok_response, generated::create_room::create_room::OkBody,
    r#"{"room_id":"!sefiuhWgwghwWgh:example.com"}"#, "create_room.yaml:142"
);
generated::round_trip!(
    create_room_create_room_request_body,
    generated::create_room::create_room::RequestBody,
    r#"{"preset":"public_chat","room_alias_name":"thepub","name":"The Grand Duke Pub","topic":"All about happy hour","creation_content":{"m.federate":false}}"#,
    "create_room.yaml:34"
);
generated::round_trip!(
    leaving_forget_room_ok_response, generated::runtime::JsonObject, r#"{}"#,
    "leaving.yaml:85"
);
generated::round_trip!(
    leaving_leave_room_ok_response, generated::runtime::JsonObject, r#"{}"#,
    "leaving.yaml:50"
);
generated::round_trip!(
    login_login_bad_request_response, generated::schemas::Error,
    r#"{"errcode":"M_UNKNOWN","error":"Bad login type."}"#, "login.yaml:89"
);
generated::round_trip!(
    login_login_forbidden_response, generated::schemas::Error,
    r#"{"errcode":"M_FORBIDDEN"}"#, "login.yaml:98"
);
generated::round_trip!(
    login_login_ok_response, generated::login::login::OkBody,
    r#"{"user_id":"@cheeky_monkey:matrix.org","access_token":"abc123","home_server":"matrix.org"}"#,
    "login.yaml:55"
);
generated::round_trip!(
    login_login_request_body, generated::login::login::RequestBody,
    r#"{"type":"m.login.pasword","user":"cheeky_monkey","password":"ilovebananas"}"#,
    "login.yaml:34"
);
generated::round_trip!(
    login_token_refresh_forbidden_response, generated::schemas::Error,
    r#"{"errcode":"M_FORBIDDEN"}"#, "login.yaml:155"
);
generated::round_trip!(
    login_token_refresh_ok_response, generated::login::token_refresh::OkBody,
    r#"{"access_token":"bearwithme123","refresh_token":"exchangewithme987"}"#,
    "login.yaml:134"
);
generated::round_trip!(
    login_token_refresh_request_body, generated::login::token_refresh::RequestBody,
    r#"{"refresh_token":"a1b2c3"}"#, "login.yaml:117"
);
generated::round_trip!(
    membership_invite_by3_pid_forbidden_response, generated::schemas::Error,
    r#"{"errcode":"M_FORBIDDEN","error":"@cheeky_monkey:matrix.org is banned from the room"}"#,
    "membership.yaml:232"
);
generated::round_trip!(
    membership_invite_by3_pid_ok_response, generated::runtime::JsonObject, r#"{}"#,
    "membership.yaml:219"
);
generated::round_trip!(
    membership_invite_by3_pid_request_body,
    generated::membership::invite_by3_pid::RequestBody,
    r#"{"id_server":"matrix.org","medium":"email","address":"cheeky@monkey.com","display_name":"A very cheeky monkey"}"#,
    "membership.yaml:193"
);
generated::round_trip!(
    membership_invite_user_forbidden_response, generated::schemas::Error,
    r#"{"errcode":"M_FORBIDDEN","error":"@cheeky_monkey:matrix.org is banned from the room"}"#,
    "membership.yaml:129"
);
generated::round_trip!(
    membership_invite_user_ok_response, generated::runtime::JsonObject, r#"{}"#,
    "membership.yaml:116"
);
generated::round_trip!(
    membership_invite_user_request_body, generated::membership::invite_user::RequestBody,
    r#"{"user_id":"@cheeky_monkey:matrix.org"}"#, "membership.yaml:103"
);
generated::round_trip!(
    membership_join_room_forbidden_response, generated::schemas::Error,
    r#"{"errcode":"M_FORBIDDEN","error":"You are not invited to this room."}"#,
    "membership.yaml:59"
);
generated::round_trip!(
    membership_join_room_ok_response, generated::membership::join_room::JoinedRoom,
    r#"{"room_id":"!d41d8cd:matrix.org"}"#, "membership.yaml:48"
);
generated::round_trip!(
    rooms_get_members_by_room_ok_response, generated::rooms::get_members_by_room::OkBody,
    r#"{"chunk":[{"age":6547561012,"content":{"avatar_url":"mxc://example.com/fzysBrHpPEeTGANCVLXWXNMI#auto","displayname":null,"membership":"join"},"event_id":"$1426600438280zExKY:example.com","membership":"join","origin_server_ts":1426600438277,"room_id":"!636q39766251:example.com","state_key":"@alice:example.com","type":"m.room.member","user_id":"@alice:example.com"},{"age":1622568720,"content":{"avatar_url":"mxc://example.com/GCmhgzMPRjqgpODLsNQzVuHZ#auto","displayname":"Bob","membership":"join"},"event_id":"$1431525430134MxlLX:example.com","origin_server_ts":1431525430569,"replaces_state":"$142652023736BSXcM:example.com","room_id":"!636q39766251:example.com","state_key":"@bob:example.com","type":"m.room.member","user_id":"@bob:example.com"}]}"#,
    "rooms.yaml:399"
);
generated::round_trip!(
    rooms_get_room_state_ok_response, Vec < generated::schemas::StateEvent >,
    r#"[{"age":7148266897,"content":{"join_rule":"public"},"event_id":"$14259997323TLwtb:example.com","origin_server_ts":1425999732392,"room_id":"!636q39766251:example.com","state_key":"","type":"m.room.join_rules","user_id":"@alice:example.com"},{"age":6547561012,"content":{"avatar_url":"mxc://example.com/fzysBrHpPEeTGANCVLXWXNMI#auto","displayname":null,"membership":"join"},"event_id":"$1426600438280zExKY:example.com","membership":"join","origin_server_ts":1426600438277,"room_id":"!636q39766251:example.com","state_key":"@alice:example.com","type":"m.room.member","user_id":"@alice:example.com"},{"age":7148267200,"content":{"creator":"@alice:example.com"},"event_id":"$14259997320KhbwJ:example.com","origin_server_ts":1425999732089,"room_id":"!636q39766251:example.com","state_key":"","type":"m.room.create","user_id":"@alice:example.com"},{"age":1622568720,"content":{"avatar_url":"mxc://example.com/GCmhgzMPRjqgpODLsNQzVuHZ#auto","displayname":"Bob","membership":"join"},"event_id":"$1431525430134MxlLX:example.com","origin_server_ts":1431525430569,"replaces_state":"$142652023736BSXcM:example.com","room_id":"!636q39766251:example.com","state_key":"@bob:example.com","type":"m.room.member","user_id":"@bob:example.com"},{"age":7148267004,"content":{"ban":50,"events":{"m.room.name":100,"m.room.power_levels":100},"events_default":0,"kick":50,"redact":50,"state_default":50,"users":{"@alice:example.com":100},"users_default":0},"event_id":"$14259997322mqfaq:example.com","origin_server_ts":1425999732285,"room_id":"!636q39766251:example.com","state_key":"","type":"m.room.power_levels","user_id":"@alice:example.com"}]"#,
    "rooms.yaml:83"
);
generated::round_trip!(
    rooms_get_room_state_with_key_ok_response, generated::runtime::JsonObject,
    r#"{"name":"Example room name"}"#, "rooms.yaml:54"
);
generated::round_trip!(
    rooms_m_call_answer_example_1, generated::schemas::MCallAnswer,
    r#"{"age":242352,"content":{"version":0,"call_id":"12345","lifetime":60000,"answer":{"type":"answer","sdp":"v=0\r\no=- 6584580628695956864 2 IN IP4 127.0.0.1[...]"}},"origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.call.answer","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.call.answer:1"
);
generated::round_trip!(
    rooms_m_call_candidates_example_1, generated::schemas::MCallCandidates,
    r#"{"age":242352,"content":{"version":0,"call_id":"12345","candidates":[{"sdpMid":"audio","sdpMLineIndex":0,"candidate":"candidate:863018703 1 udp 2122260223 10.9.64.156 43670 typ host generation 0"}]},"origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.call.candidates","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.call.candidates:1"
);
generated::round_trip!(
    rooms_m_call_hangup_example_1, generated::schemas::MCallHangup,
    r#"{"age":242352,"content":{"version":0,"call_id":"12345"},"origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.call.hangup","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.call.hangup:1"
);
generated::round_trip!(
    rooms_m_call_invite_example_1, generated::schemas::MCallInvite,
    r#"{"age":242352,"content":{"version":0,"call_id":"12345","lifetime":60000,"offer":{"type":"offer","sdp":"v=0\r\no=- 6584580628695956864 2 IN IP4 127.0.0.1[...]"}},"origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.call.invite","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.call.invite:1"
);
generated::round_trip!(
    rooms_m_presence_example_1, generated::schemas::PresenceEvent,
    r#"{"content":{"avatar_url":"mxc://localhost:wefuiwegh8742w","last_active_ago":2478593,"presence":"online","user_id":"@example:localhost"},"event_id":"$WLGTSEFSEF:localhost","type":"m.presence"}"#,
    "../../../event-schemas/examples/v1/m.presence:1"
);
generated::round_trip!(
    rooms_m_receipt_example_1, generated::schemas::ReceiptEvent,
    r#"{"type":"m.receipt","room_id":"!KpjVgQyZpzBwvMBsnT:matrix.org","content":{"$1435641916114394fHBLK:matrix.org":{"m.read":{"@rikj:jki.re":{"ts":1436451550453}}}}}"#,
    "../../../event-schemas/examples/v1/m.receipt:1"
);
generated::round_trip!(
    rooms_m_room_aliases_example_1, generated::schemas::MRoomAliases,
    r##"{"age":242352,"content":{"aliases":["#somewhere:localhost","#another:localhost"]},"state_key":"localhost","origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.room.aliases","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"##,
    "../../../event-schemas/examples/v1/m.room.aliases:1"
);
generated::round_trip!(
    rooms_m_room_avatar_example_1, generated::schemas::RoomAvatar,
    r#"{"age":242352,"content":{"info":{"h":398,"w":394,"mimetype":"image/jpeg","size":31037},"url":"mxc://localhost/JWEIFJgwEIhweiWJE"},"origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.room.avatar","state_key":"","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.avatar:1"
);
generated::round_trip!(
    rooms_m_room_canonical_alias_example_1, generated::schemas::MRoomCanonicalAlias,
    r##"{"age":242352,"content":{"alias":"#somewhere:localhost"},"state_key":"","origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.room.canonical_alias","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"##,
    "../../../event-schemas/examples/v1/m.room.canonical_alias:1"
);
generated::round_trip!(
    rooms_m_room_create_example_1, generated::schemas::MRoomCreate,
    r#"{"age":242352,"content":{"creator":"@example:localhost"},"state_key":"","origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.room.create","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.create:1"
);
generated::round_trip!(
    rooms_m_room_history_visibility_example_1,
    generated::schemas::MRoomHistoryVisibility,
    r#"{"age":242352,"content":{"history_visibility":"shared"},"state_key":"","origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.room.history_visibility","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.history_visibility:1"
);
generated::round_trip!(
    rooms_m_room_join_rules_example_1, generated::schemas::MRoomJoinRules,
    r#"{"age":242352,"content":{"join_rule":"public"},"state_key":"","origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.room.join_rules","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.join_rules:1"
);
generated::round_trip!(
    rooms_m_room_member_example_1, generated::schemas::MemberEvent,
    r#"{"age":242352,"content":{"membership":"join","avatar_url":"mxc://localhost/SEsfnsuifSDFSSEF#auto","displayname":"Alice Margatroid","third_party_invite":{"token":"pc98","public_key":"abc123","key_validity_url":"https://magic.forest/verifykey","signed":{"mxid":"@alice:localhost","token":"pc98","signatures":{"magic.forest":{"ed25519:0":"poi098"}}},"sender":"@zun:zun.soft"}},"invite_room_state":[{"type":"m.room.name","state_key":"","content":{"name":"Forest of Magic"}},{"type":"m.room.join_rules","state_key":"","content":{"join_rules":"invite"}}],"state_key":"@alice:localhost","origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.room.member","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.member:1"
);
generated::round_trip!(
    rooms_m_room_message_feedback_example_1, generated::schemas::MessageFeedback,
    r#"{"age":242352,"content":{"type":"delivered","target_event_id":"$WEIGFHFW:localhost"},"origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.room.message.feedback","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.message.feedback:1"
);
generated::round_trip!(
    rooms_m_room_message_m_audio_example_1, generated::schemas::AudioMessage,
    r#"{"age":146,"content":{"body":"Bee Gees - Stayin' Alive","url":"mxc://localhost/ffed755USFFxlgbQYZGtryd","info":{"duration":2140786,"size":1563685,"mimetype":"audio/mpeg"},"msgtype":"m.audio"},"event_id":"$143273582443PhrSn:localhost","origin_server_ts":1432735824653,"room_id":"!jEsUZKDJdhlrceRyVU:localhost","type":"m.room.message","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.message#m.audio:1"
);
generated::round_trip!(
    rooms_m_room_message_m_emote_example_1, generated::schemas::EmoteMessage,
    r#"{"age":242352,"content":{"body":"thinks this is an example emote","msgtype":"m.emote"},"origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.room.message","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.message#m.emote:1"
);
generated::round_trip!(
    rooms_m_room_message_m_file_example_1, generated::schemas::FileMessage,
    r#"{"age":146,"content":{"body":"something-important.doc","filename":"something-important.doc","info":{"mimetype":"application/msword","size":46144},"msgtype":"m.file","url":"mxc://localhost/FHyPlCeYUSFFxlgbQYZmoEoe"},"event_id":"$143273582443PhrSn:localhost","origin_server_ts":1432735824653,"room_id":"!jEsUZKDJdhlrceRyVU:localhost","type":"m.room.message","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.message#m.file:1"
);
generated::round_trip!(
    rooms_m_room_message_m_image_example_1, generated::schemas::ImageMessage,
    r#"{"age":242352,"content":{"body":"filename.jpg","info":{"h":398,"w":394,"mimetype":"image/jpeg","size":31037},"url":"mxc://localhost/JWEIFJgwEIhweiWJE","msgtype":"m.image"},"origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.room.message","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.message#m.image:1"
);
generated::round_trip!(
    rooms_m_room_message_m_location_example_1, generated::schemas::LocationMessage,
    r#"{"age":146,"content":{"body":"Big Ben, London, UK","geo_uri":"geo:51.5008,0.1247","thumbnail_url":"mxc://localhost/FHyPlCeYUSFFxlgbQYZmoEoe","thumbnail_info":{"mimetype":"image/jpeg","size":46144,"w":300,"h":300},"msgtype":"m.location"},"event_id":"$143273582443PhrSn:localhost","origin_server_ts":1432735824653,"room_id":"!jEsUZKDJdhlrceRyVU:localhost","type":"m.room.message","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.message#m.location:1"
);
generated::round_trip!(
    rooms_m_room_message_m_notice_example_1, generated::schemas::NoticeMessage,
    r#"{"age":242352,"content":{"body":"This is an example notice","msgtype":"m.notice"},"origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.room.message","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.message#m.notice:1"
);
generated::round_trip!(
    rooms_m_room_message_m_text_example_1, generated::schemas::TextMessage,
    r#"{"age":242352,"content":{"body":"This is an example text message","msgtype":"m.text"},"origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.room.message","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.message#m.text:1"
);
generated::round_trip!(
    rooms_m_room_message_m_video_example_1, generated::schemas::VideoMessage,
    r#"{"age":146,"content":{"body":"Gangnam Style","url":"mxc://localhost/a526eYUSFFxlgbQYZmo442","info":{"thumbnail_url":"mxc://localhost/FHyPlCeYUSFFxlgbQYZmoEoe","thumbnail_info":{"mimetype":"image/jpeg","size":46144,"w":300,"h":300},"w":480,"h":320,"duration":2140786,"size":1563685,"mimetype":"video/mp4"},"msgtype":"m.video"},"event_id":"$143273582443PhrSn:localhost","origin_server_ts":1432735824653,"room_id":"!jEsUZKDJdhlrceRyVU:localhost","type":"m.room.message","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.message#m.video:1"
);
generated::round_trip!(
    rooms_m_room_name_example_1, generated::schemas::RoomName,
    r#"{"age":242352,"content":{"name":"The room name"},"state_key":"","origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.room.name","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.name:1"
);
generated::round_trip!(
    rooms_m_room_power_levels_example_1, generated::schemas::MRoomPowerLevels,
    r#"{"age":242352,"content":{"ban":50,"events":{"m.room.name":100,"m.room.power_levels":100},"events_default":0,"kick":50,"redact":50,"state_default":50,"users":{"@example:localhost":100},"users_default":0},"state_key":"","origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.room.power_levels","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.power_levels:1"
);
generated::round_trip!(
    rooms_m_room_redaction_example_1, generated::schemas::Redaction,
    r#"{"age":242352,"content":{"reason":"Spamming"},"origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.room.redaction","room_id":"!Cuyf34gef24t:localhost","redacts":"!fukweghifu23:localhost","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.redaction:1"
);
generated::round_trip!(
    rooms_m_room_third_party_invite_example_1, generated::schemas::MRoomThirdPartyInvite,
    r#"{"age":242352,"content":{"display_name":"Alice Margatroid","key_validity_url":"https://magic.forest/verifykey","public_key":"abc123"},"state_key":"pc98","origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.room.third_party_invite","room_id":"!Cuyf34gef24t:localhost","sender":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.third_party_invite:1"
);
generated::round_trip!(
    rooms_m_room_topic_example_1, generated::schemas::Topic,
    r#"{"age":242352,"content":{"topic":"A room topic"},"state_key":"","origin_server_ts":1431961217939,"event_id":"$WLGTSEFSEF:localhost","type":"m.room.topic","room_id":"!Cuyf34gef24t:localhost","user_id":"@example:localhost"}"#,
    "../../../event-schemas/examples/v1/m.room.topic:1"
);
generated::round_trip!(
    rooms_m_typing_example_1, generated::schemas::TypingEvent,
    r#"{"type":"m.typing","room_id":"!z0mnsuiwhifuhwwfw:matrix.org","content":{"user_ids":["@alice:matrix.org","@bob:example.com"]}}"#,
    "../../../event-schemas/examples/v1/m.typing:1"
);
generated::round_trip!(
    rooms_room_initial_sync_ok_response, generated::rooms::room_initial_sync::RoomInfo,
    r#"{"membership":"join","messages":{"chunk":[{"age":343513403,"content":{"body":"foo","msgtype":"m.text"},"event_id":"$14328044851tzTJS:example.com","origin_server_ts":1432804485886,"room_id":"!636q39766251:example.com","type":"m.room.message","user_id":"@alice:example.com"},{"age":343511809,"content":{"body":"bar","msgtype":"m.text"},"event_id":"$14328044872spjFg:example.com","origin_server_ts":1432804487480,"room_id":"!636q39766251:example.com","type":"m.room.message","user_id":"@bob:example.com"}],"end":"s3456_9_0","start":"t44-3453_9_0"},"room_id":"!636q39766251:example.com","state":[{"age":7148266897,"content":{"join_rule":"public"},"event_id":"$14259997323TLwtb:example.com","origin_server_ts":1425999732392,"room_id":"!636q39766251:example.com","state_key":"","type":"m.room.join_rules","user_id":"@alice:example.com"},{"age":6547561012,"content":{"avatar_url":"mxc://example.com/fzysBrHpPEeTGANCVLXWXNMI#auto","displayname":null,"membership":"join"},"event_id":"$1426600438280zExKY:example.com","membership":"join","origin_server_ts":1426600438277,"room_id":"!636q39766251:example.com","state_key":"@alice:example.com","type":"m.room.member","user_id":"@alice:example.com"},{"age":7148267200,"content":{"creator":"@alice:example.com"},"event_id":"$14259997320KhbwJ:example.com","origin_server_ts":1425999732089,"room_id":"!636q39766251:example.com","state_key":"","type":"m.room.create","user_id":"@alice:example.com"},{"age":1622568720,"content":{"avatar_url":"mxc://example.com/GCmhgzMPRjqgpODLsNQzVuHZ#auto","displayname":"Bob","membership":"join"},"event_id":"$1431525430134MxlLX:example.com","origin_server_ts":1431525430569,"replaces_state":"$142652023736BSXcM:example.com","room_id":"!636q39766251:example.com","state_key":"@bob:example.com","type":"m.room.member","user_id":"@bob:example.com"},{"age":7148267004,"content":{"ban":50,"events":{"m.room.name":100,"m.room.power_levels":100},"events_default":0,"kick":50,"redact":50,"state_default":50,"users":{"@alice:example.com":100},"users_default":0},"event_id":"$14259997322mqfaq:example.com","origin_server_ts":1425999732285,"room_id":"!636q39766251:example.com","state_key":"","type":"m.room.power_levels","user_id":"@alice:example.com"}],"visibility":"private"}"#,
    "rooms.yaml:200"
);

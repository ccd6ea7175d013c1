//! Who may read a room, and how much of it (docs/membership.md, "Reading a room"): a
//! member reads the current state; a user who was joined and then left or was banned reads
//! the state as it was when they left; anyone else is refused. Forgetting hides the
//! memberships it covered; a later one counts again.

use generated::schemas::Membership;

use crate::error::{Forbidden, forbidden};
use crate::events::parse_membership;
use crate::ids::{RoomId, UserId};
use crate::storage::MembershipHistory;

/// How much of a room a user may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadView {
    /// The current state.
    Current,
    /// The state as of this stream position: the user's departure.
    AsOf(i64),
}

/// What `user` may read of `room`, given their memberships in it.
pub fn read_view(
    room: &RoomId,
    user: &UserId,
    history: &MembershipHistory,
) -> Result<(ReadView, Membership), Forbidden> {
    let refused = || {
        forbidden(format!(
            "{user} may not read {room}: only its members, and former members up to when they left, may."
        ))
    };
    // Forgotten memberships are as if they had never been.
    let memberships: Vec<(i64, Membership)> = history
        .memberships
        .iter()
        .filter(|(at, _)| history.forgotten_at.is_none_or(|forgotten| *at > forgotten))
        .filter_map(|(at, name)| parse_membership(name).map(|m| (*at, m)))
        .collect();
    let Some(&(_, current)) = memberships.last() else {
        return Err(refused());
    };
    if current == Membership::Join {
        return Ok((ReadView::Current, current));
    }
    // The last time the user was joined, and the membership that ended it.
    let last_join = memberships
        .iter()
        .rposition(|(_, m)| *m == Membership::Join)
        .ok_or_else(refused)?;
    let (departure, _) = memberships[last_join + 1];
    Ok((ReadView::AsOf(departure), current))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn history(memberships: &[(i64, &str)], forgotten_at: Option<i64>) -> MembershipHistory {
        MembershipHistory {
            memberships: memberships
                .iter()
                .map(|(at, m)| (*at, m.to_string()))
                .collect(),
            forgotten_at,
        }
    }

    fn view(memberships: &[(i64, &str)], forgotten_at: Option<i64>) -> Option<ReadView> {
        let room = RoomId::parse("!r:hs").unwrap();
        let user = UserId::parse("@u:hs").unwrap();
        read_view(&room, &user, &history(memberships, forgotten_at))
            .ok()
            .map(|(view, _)| view)
    }

    #[test]
    fn members_read_now_former_members_as_of_their_departure_others_nothing() {
        assert_eq!(view(&[(1, "join")], None), Some(ReadView::Current));
        assert_eq!(
            view(&[(1, "join"), (5, "leave")], None),
            Some(ReadView::AsOf(5))
        );
        assert_eq!(
            view(&[(1, "join"), (5, "ban")], None),
            Some(ReadView::AsOf(5))
        );
        // Joined, left, invited again: as of the first departure.
        assert_eq!(
            view(&[(1, "join"), (5, "leave"), (9, "invite")], None),
            Some(ReadView::AsOf(5))
        );
        // Never joined: a stranger, an invite rejected, a ban before any join.
        assert_eq!(view(&[], None), None);
        assert_eq!(view(&[(2, "invite")], None), None);
        assert_eq!(view(&[(2, "invite"), (3, "leave")], None), None);
        assert_eq!(view(&[(2, "ban")], None), None);
    }

    #[test]
    fn forgetting_hides_the_past_and_a_rejoin_counts_again() {
        assert_eq!(view(&[(1, "join"), (5, "leave")], Some(5)), None);
        assert_eq!(
            view(&[(1, "join"), (5, "leave"), (9, "join")], Some(5)),
            Some(ReadView::Current)
        );
        assert_eq!(
            view(&[(1, "join"), (5, "leave"), (9, "invite")], Some(5)),
            None,
            "the forgotten join does not count"
        );
    }
}

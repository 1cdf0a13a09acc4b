// Names of the role timers (FLE's own live in election.ts). A timer is re-armed by setting it again.

/** Leader: every tickTime/2, PING learners; every tickTime, check a quorum is synced. */
export const LEADER_TICK_TIMER = "leader-tick";
/** Leader: initLimit·tickTime for each activation quorum (FOLLOWERINFO, ACKEPOCH, NEWLEADER ACK). */
export const LEADER_LIMIT_TIMER = "leader-limit";
/** Learner: every tickTime/2, check the leader was heard within the read timeout. */
export const LEARNER_TICK_TIMER = "learner-tick";

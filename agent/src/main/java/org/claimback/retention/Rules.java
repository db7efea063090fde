package org.claimback.retention;

import java.util.List;
import java.util.Optional;
import org.claimback.restic.Snapshot;

/** The rules retention applies after restic's policy, in the order their reasons are given. */
final class Rules {
    private Rules() {}

    static final List<RetentionRule> ALL = List.of(new KeepLastGood(), new KeepBeforeShrink(), new KeepUnknown());

    /**
     * Never the claim's newest snapshot that is neither partial nor suspicious; and while the claim
     * has no such snapshot at all, nothing of it goes (a partial copy beats none).
     */
    static final class KeepLastGood implements RetentionRule {
        @Override
        public String name() {
            return "keep-last-good";
        }

        @Override
        public Optional<String> keep(Snapshot snapshot, ClaimFacts facts) {
            if (facts.lastGood().isEmpty()) {
                return Optional.of(facts.claimName() + " has no complete, unsuspicious snapshot: nothing of it is forgotten");
            }
            return facts.lastGood().get().equals(snapshot.shortId())
                    ? Optional.of("last good snapshot of " + facts.claimName())
                    : Optional.empty();
        }
    }

    /** While a shrink is unaccepted, every snapshot from before it stays (the data may be lost on disk). */
    static final class KeepBeforeShrink implements RetentionRule {
        @Override
        public String name() {
            return "keep-before-shrink";
        }

        @Override
        public Optional<String> keep(Snapshot snapshot, ClaimFacts facts) {
            return facts.oldestShrinkAt()
                    .filter(at -> snapshot.time().isBefore(at))
                    .map(at -> "taken before the shrink found at " + at + ", not yet accepted (claimback accept "
                            + facts.claimName() + ")");
        }
    }

    /**
     * A snapshot restic lists but the catalogue lacks stays: whether it is partial or suspicious is
     * unknown, so it cannot be judged (run {@code claimback catalog rebuild} to know it).
     */
    static final class KeepUnknown implements RetentionRule {
        @Override
        public String name() {
            return "keep-unknown";
        }

        @Override
        public Optional<String> keep(Snapshot snapshot, ClaimFacts facts) {
            return facts.catalogued().containsKey(snapshot.shortId())
                    ? Optional.empty()
                    : Optional.of("not in the catalogue, so not judged (claimback catalog rebuild)");
        }
    }
}

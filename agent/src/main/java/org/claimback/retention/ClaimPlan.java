package org.claimback.retention;

import java.util.List;
import org.claimback.catalog.ClaimRecord;
import org.claimback.config.RetentionPolicy;

/** Retention's decisions for one claim (or, with a null claim, for the catalogue copies), oldest snapshot first. */
public record ClaimPlan(ClaimRecord claim, RetentionPolicy policy, List<Decision> decisions) {

    public ClaimPlan {
        decisions = List.copyOf(decisions);
    }

    public List<Decision> removals() {
        return decisions.stream().filter(d -> !d.keep()).toList();
    }

    /** The run's detail: one line per decision. */
    public String detail() {
        return String.join("\n", decisions.stream().map(Decision::line).toList());
    }
}

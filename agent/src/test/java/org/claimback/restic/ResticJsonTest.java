package org.claimback.restic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** restic's JSON as 0.14.0 and 0.18.0 really print it (lines recorded from both). */
class ResticJsonTest {

    @Test
    void should_read_a_0_14_backup_summary_with_its_short_snapshot_id() {
        BackupSummary s = ResticJson.backupSummary(ResticJson.object("{\"message_type\":\"summary\",\"files_new\":2,"
                + "\"files_changed\":0,\"files_unmodified\":0,\"dirs_new\":1,\"dirs_changed\":0,\"dirs_unmodified\":0,"
                + "\"data_blobs\":2,\"tree_blobs\":2,\"data_added\":1060,\"total_files_processed\":2,"
                + "\"total_bytes_processed\":12,\"total_duration\":0.212002794,\"snapshot_id\":\"ce859c73\"}"));

        assertEquals(new BackupSummary("ce859c73", 2, 0, 0, 1, 0, 0, 1060, 2, 12, 0.212002794), s);
    }

    @Test
    void should_read_a_0_18_backup_summary_and_ignore_the_fields_it_added() {
        BackupSummary s = ResticJson.backupSummary(ResticJson.object("{\"message_type\":\"summary\",\"files_new\":0,"
                + "\"files_changed\":0,\"files_unmodified\":2,\"dirs_new\":0,\"dirs_changed\":0,\"dirs_unmodified\":1,"
                + "\"data_blobs\":0,\"tree_blobs\":0,\"data_added\":0,\"data_added_packed\":0,"
                + "\"total_files_processed\":2,\"total_bytes_processed\":12,\"total_duration\":0.613379391,"
                + "\"backup_start\":\"2026-11-25T13:06:07.663433096Z\",\"backup_end\":\"2026-11-25T13:06:08.276812487Z\","
                + "\"snapshot_id\":\"b3f0ee5b587b30fab9199befd870f0c3f1aa3f2efa19929a61628e840296fe7e\"}"));

        assertEquals(new BackupSummary("b3f0ee5b587b30fab9199befd870f0c3f1aa3f2efa19929a61628e840296fe7e", 0, 0, 2, 0,
                0, 1, 0, 2, 12, 0.613379391), s);
    }

    @Test
    void should_read_status_lines_whose_zero_fields_restic_left_out() {
        assertEquals(new BackupProgress(0, 0, 6, 0, 1, null), ResticJson.backupProgress(ResticJson.object(
                "{\"message_type\":\"status\",\"percent_done\":0,\"total_files\":1,\"total_bytes\":6}")));
        assertEquals(new BackupProgress(0.26532185236612954, 83463038, 314572800, 0, 1, 1L),
                ResticJson.backupProgress(ResticJson.object("{\"message_type\":\"status\",\"seconds_remaining\":1,"
                        + "\"percent_done\":0.26532185236612954,\"total_files\":1,\"total_bytes\":314572800,"
                        + "\"bytes_done\":83463038,\"current_files\":[\"/r.bin\"]}")));
    }

    @Test
    void should_make_backup_errors_of_both_versions_readable() {
        assertEquals(List.of("/v/secret: open secret: permission denied (during archival)"), ResticJson.readable(
                "{\"message_type\":\"error\",\"error\":{\"Op\":\"open\",\"Path\":\"secret\",\"Err\":13},"
                        + "\"during\":\"archival\",\"item\":\"/v/secret\"}"));
        assertEquals(List.of("/v/closed: could not be read (this restic version reports no reason) (during scan)"),
                ResticJson.readable("{\"message_type\":\"error\",\"error\":{},\"during\":\"scan\",\"item\":\"/v/closed\"}"));
        assertEquals(List.of("/v/secret: /v/secret: open secret: permission denied (during archival)"),
                ResticJson.readable("{\"message_type\":\"error\",\"error\":{\"message\":\"/v/secret: open secret:"
                        + " permission denied\"},\"during\":\"archival\",\"item\":\"/v/secret\"}"));
    }

    @Test
    void should_split_a_0_18_exit_error_into_its_lines() {
        assertEquals(List.of("Fatal: repository does not exist: unable to open config file: stat /r/config: no such"
                + " file or directory", "Is there a repository at the following location?", "/r"),
                ResticJson.readable("{\"message_type\":\"exit_error\",\"code\":10,\"message\":\"Fatal: repository does"
                        + " not exist: unable to open config file: stat /r/config: no such file or directory\\nIs there"
                        + " a repository at the following location?\\n/r\"}"));
    }

    @Test
    void should_keep_text_lines_and_drop_terminal_escapes() {
        assertEquals(List.of("signal interrupt received, cleaning up"),
                ResticJson.readable("\u001B[2Ksignal interrupt received, cleaning up"));
        assertEquals(List.of(), ResticJson.readable("   "));
        assertEquals(List.of("Fatal: wrong password or no key found"),
                ResticJson.readable("Fatal: wrong password or no key found"));
    }

    @Test
    void should_read_snapshots_of_0_14_and_of_0_18_with_its_summary() {
        List<Snapshot> snapshots = ResticJson.snapshots("[{\"time\":\"2026-11-25T13:06:01.574866636Z\",\"tree\":"
                + "\"a38f332a\",\"paths\":[\"/tmp/probe/data\"],\"hostname\":\"h1\",\"username\":\"root\",\"tags\":"
                + "[\"claimback\",\"k=v\"],\"id\":\"ce859c7316a7cd54\",\"short_id\":\"ce859c73\"},"
                + "{\"time\":\"2026-11-25T14:06:07.020300219+01:00\",\"parent\":\"ce859c7316a7cd54\",\"tree\":\"a38f\","
                + "\"paths\":[\"/tmp/probe/data\"],\"hostname\":\"h1\",\"username\":\"root\",\"program_version\":"
                + "\"restic 0.18.0\",\"summary\":{\"files_new\":2,\"total_bytes_processed\":12},"
                + "\"id\":\"4ade62d6ea99f852\",\"short_id\":\"4ade62d6\"}]");

        assertEquals(List.of(
                new Snapshot("ce859c7316a7cd54", "ce859c73", Instant.parse("2026-11-25T13:06:01.574866636Z"), null,
                        "a38f332a", List.of("/tmp/probe/data"), "h1", "root", List.of("claimback", "k=v")),
                new Snapshot("4ade62d6ea99f852", "4ade62d6", Instant.parse("2026-11-25T13:06:07.020300219Z"),
                        "ce859c7316a7cd54", "a38f", List.of("/tmp/probe/data"), "h1", "root", List.of(),
                        new SnapshotSummary(2, 0, 0, 0, 12, 0))),
                snapshots);
    }

    @Test
    void should_read_no_snapshots_as_an_empty_list() {
        assertEquals(List.of(), ResticJson.snapshots("[]\n"));
        assertEquals(List.of(), ResticJson.snapshots("null\n"));
    }

    @Test
    void should_not_take_text_for_json() {
        assertNull(ResticJson.object("created restic repository c4f65ce764 at /tmp/probe/repo14"));
        assertNull(ResticJson.object("{not json"));
    }
}

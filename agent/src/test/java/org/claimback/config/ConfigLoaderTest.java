package org.claimback.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path tmp;
    Path password;

    @BeforeEach
    void passwordFile() throws Exception {
        password = tmp.resolve("pw");
        Files.writeString(password, "secret\n");
    }

    private Path write(String yaml) throws Exception {
        Path file = tmp.resolve("config.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private String valid() {
        return "exports:\n  - path: /srv/nfs/k8s\nrepository: /var/lib/claimback/repo\npasswordFile: " + password
                + "\ncatalog: /var/lib/claimback/catalog.db\n";
    }

    private ConfigException refused(String yaml) throws Exception {
        Path file = write(yaml);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
    }

    @Test
    void should_read_a_minimal_config_with_defaults() throws Exception {
        Config c = ConfigLoader.load(write(valid()));
        assertEquals(Path.of("/srv/nfs/k8s"), c.exports().get(0).path());
        assertEquals("nfs-subdir", c.exports().get(0).layout());
        assertEquals("0 0 2 * * ?", c.schedule().backup());
        assertEquals(Path.of("restic"), c.restic().binary());
        assertTrue(c.localRepository());
        assertTrue(!c.host().isBlank());
        assertEquals(null, c.schedule().drill());
        assertEquals(Path.of("/var/lib/claimback/drills"), c.drill().scratch());
        assertEquals(new StatusConfig(true, "127.0.0.1", 9807), c.status());
    }

    @Test
    void should_read_the_drill_schedule_scratch_and_status_address() throws Exception {
        Config c = ConfigLoader.load(write(valid() + "schedule:\n  drill: \"0 0 4 ? * SUN\"\ndrill:\n  scratch: scratch/drills\n"
                + "status:\n  listen: \"[::1]:9100\"\n"));
        assertEquals("0 0 4 ? * SUN", c.schedule().drill());
        assertEquals(tmp.resolve("scratch/drills"), c.drill().scratch());
        assertEquals(new StatusConfig(true, "::1", 9100), c.status());
        assertEquals("[::1]:9100", c.status().listen());
        assertEquals("localhost:9807", ConfigLoader.load(write(valid() + "status:\n  listen: localhost:9807\n")).status().listen());
    }

    @Test
    void should_turn_the_status_endpoint_off_with_off_quoted_or_not() throws Exception {
        assertEquals(StatusConfig.off(), ConfigLoader.load(write(valid() + "status:\n  listen: off\n")).status());
        assertEquals(StatusConfig.off(), ConfigLoader.load(write(valid() + "status:\n  listen: \"off\"\n")).status());
    }

    @Test
    void should_refuse_a_bad_drill_cron_with_its_line() throws Exception {
        ConfigException e = refused(valid() + "schedule:\n  backup: \"0 0 2 * * ?\"\n  drill: \"weekly\"\n");
        assertTrue(e.getMessage().contains(":8: schedule.drill: `weekly` is not a Quartz cron expression"), e.getMessage());
        assertTrue(e.getMessage().contains("0 0 4 ? * SUN"), e.getMessage());
    }

    @Test
    void should_refuse_a_status_address_beyond_loopback_or_malformed() throws Exception {
        for (String listen : new String[] {"0.0.0.0:9807", "192.168.1.10:9807", "\"[::]:9807\"", "nfs1.example.org:9807"}) {
            ConfigException e = refused(valid() + "status:\n  listen: " + listen + "\n");
            assertTrue(e.getMessage().contains(":7: status.listen: ") && e.getMessage().contains("an address beyond loopback needs a bearer token: set status.tokenFile")
                    && e.getMessage().endsWith("use 127.0.0.1:PORT"), e.getMessage());
        }
        ConfigException e = refused(valid() + "status:\n  listen: \"9807\"\n");
        assertTrue(e.getMessage().contains(":7: status.listen: `9807` is not HOST:PORT: write e.g. 127.0.0.1:9807"), e.getMessage());
        e = refused(valid() + "status:\n  listen: 127.0.0.1:70000\n");
        assertTrue(e.getMessage().contains("status.listen: port 70000 is out of range"), e.getMessage());
        e = refused(valid() + "status:\n  listen: 127.0.0.300:80\n");
        assertTrue(e.getMessage().contains("status.listen: ") && e.getMessage().contains("beyond loopback"), e.getMessage());
    }

    @Test
    void should_refuse_a_drill_scratch_inside_an_export_or_holding_one() throws Exception {
        ConfigException e = refused(valid() + "drill:\n  scratch: /srv/nfs/k8s/.drills\n");
        assertTrue(e.getMessage().contains(":7: drill.scratch: /srv/nfs/k8s/.drills is inside the export root /srv/nfs/k8s"), e.getMessage());
        e = refused(valid() + "drill:\n  scratch: /srv\n");
        assertTrue(e.getMessage().contains("drill.scratch: /srv holds the export root /srv/nfs/k8s"), e.getMessage());
        e = refused(valid() + "drill:\n  scratch: /\n");
        assertTrue(e.getMessage().contains("drill.scratch: drills cannot restore into /"), e.getMessage());
        e = refused(valid() + "drill:\n  scratchdir: /x\n");
        assertTrue(e.getMessage().contains(":7: drill.scratchdir: unknown key"), e.getMessage());
    }

    @Test
    void should_resolve_relative_paths_against_the_config_directory() throws Exception {
        Config c = ConfigLoader.load(write("exports:\n  - path: export\nrepository: /r\npasswordFile: pw\ncatalog: var/c.db\n"
                + "restic:\n  binary: bin/restic\n"));
        assertEquals(tmp.resolve("export"), c.exports().get(0).path());
        assertEquals(tmp.resolve("var/c.db"), c.catalog());
        assertEquals(tmp.resolve("bin/restic"), c.restic().binary());
    }

    @Test
    void should_name_the_line_of_an_unknown_key() throws Exception {
        ConfigException e = refused(valid() + "schedule:\n  backups: \"0 0 2 * * ?\"\n");
        assertTrue(e.getMessage().startsWith("config " + tmp.resolve("config.yaml") + ":7: schedule.backups: unknown key"), e.getMessage());
    }

    @Test
    void should_refuse_a_missing_required_key() throws Exception {
        ConfigException e = refused("exports:\n  - path: /srv\npasswordFile: " + password + "\ncatalog: /c.db\n");
        assertTrue(e.getMessage().contains("repository: missing"), e.getMessage());
    }

    @Test
    void should_refuse_wrong_types_with_their_line() throws Exception {
        ConfigException e = refused("exports: /srv/nfs\nrepository: /r\npasswordFile: " + password + "\ncatalog: /c.db\n");
        assertTrue(e.getMessage().contains(":1: exports: must be a list"), e.getMessage());
        e = refused(valid() + "restic: restic\n");
        assertTrue(e.getMessage().contains(":6: restic: must be a mapping"), e.getMessage());
    }

    @Test
    void should_refuse_a_bad_cron_expression() throws Exception {
        ConfigException e = refused(valid() + "schedule:\n  backup: \"every night\"\n");
        assertTrue(e.getMessage().contains(":7: schedule.backup: `every night` is not a Quartz cron"), e.getMessage());
    }

    @Test
    void should_refuse_missing_and_empty_password_files() throws Exception {
        Files.delete(password);
        assertTrue(refused(valid()).getMessage().contains("passwordFile: " + password + " does not exist"));
        Files.writeString(password, "\n");
        assertTrue(refused(valid()).getMessage().contains("is empty"));
    }

    @Test
    void should_refuse_broken_yaml_with_a_line() throws Exception {
        ConfigException e = refused("exports:\n  - path: [unclosed\nrepository: x\n");
        assertTrue(e.getMessage().matches("config .*:\\d+: not valid YAML.*"), e.getMessage());
    }

    @Test
    void should_refuse_an_unknown_layout() throws Exception {
        ConfigException e = refused(valid().replace("  - path: /srv/nfs/k8s\n", "  - path: /srv/nfs/k8s\n    layout: zfs\n"));
        assertTrue(e.getMessage().contains(":3: exports[].layout: unknown layout `zfs`"), e.getMessage());
    }

    @Test
    void should_read_layouts_patterns_inventories_and_namespaces() throws Exception {
        Config c = ConfigLoader.load(write(valid().replace("  - path: /srv/nfs/k8s\n",
                "  - path: /srv/nfs/k8s\n    pattern: \"${.PVC.namespace}/${.PVC.name}\"\n  - path: /srv/csi\n    layout: csi-nfs\n")
                + "inventory:\n  files: [/srv/nfs/k8s/.claimback/inventory.json]\nnamespaces: [default, kube-system]\n"));
        assertEquals("${.PVC.namespace}/${.PVC.name}", c.exports().get(0).pattern());
        assertEquals("csi-nfs", c.exports().get(1).layout());
        assertEquals(Path.of("/srv/nfs/k8s/.claimback/inventory.json"), c.inventoryFiles().get(0));
        assertEquals(java.util.List.of("default", "kube-system"), c.namespaces());
    }

    @Test
    void should_refuse_a_bad_pattern_and_a_bad_namespace_with_their_lines() throws Exception {
        ConfigException e = refused(valid().replace("  - path: /srv/nfs/k8s\n",
                "  - path: /srv/nfs/k8s\n    pattern: \"${.PVC.nmespace}\"\n"));
        assertTrue(e.getMessage().contains(":3: exports[].pattern: ") && e.getMessage().contains("nmespace"), e.getMessage());
        e = refused(valid() + "namespaces: [Default]\n");
        assertTrue(e.getMessage().contains(":6: namespaces[]: `Default`"), e.getMessage());
    }

    @Test
    void should_look_for_the_option_then_the_environment_then_etc() {
        assertEquals(Path.of("/a"), ConfigLoader.locate(Path.of("/a"), Map.of("CLAIMBACK_CONFIG", "/b")));
        assertEquals(Path.of("/b"), ConfigLoader.locate(null, Map.of("CLAIMBACK_CONFIG", "/b")));
        assertEquals(Path.of("/etc/claimback/config.yaml"), ConfigLoader.locate(null, Map.of()));
    }
}

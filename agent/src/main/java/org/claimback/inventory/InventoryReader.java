package org.claimback.inventory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads an inventory file: what {@code kubectl get pv -o json} or {@code kubectl get pv,pvc -A -o json}
 * printed, a single PersistentVolume, or the same in YAML. See the package documentation for what is
 * accepted; anything else is an {@link InventoryException} naming the file and the fix.
 *
 * <p>One pass over the parser's tokens, keeping only the fields a {@link PvEntry} or
 * {@link PvcEntry} needs and skipping the rest unread: no tree of the whole file is built, so
 * 5,000 PVs (9 MB of JSON) take a fraction of a second.
 */
public final class InventoryReader {

    /** What every "wrong file" message ends with. */
    static final String EXPECTED = "expected the output of kubectl get pv -o json (or kubectl get pv,pvc -A -o json)";
    private static final String REWRITE = "write it again with kubectl get pv,pvc -A -o json > FILE";

    private static final JsonFactory JSON = new JsonFactory();

    /** Made on first use: reading JSON never loads SnakeYAML. */
    private static final class Yaml {
        static final YAMLFactory FACTORY;

        static {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(Integer.MAX_VALUE); // SnakeYAML stops at 3 MB by default: 1,500 PVs
            FACTORY = YAMLFactory.builder().loaderOptions(options).build();
        }
    }

    /** Fields of a PV's spec that are not its volume source. */
    private static final Set<String> NOT_A_SOURCE = Set.of("accessModes", "capacity", "claimRef", "mountOptions",
            "nodeAffinity", "persistentVolumeReclaimPolicy", "storageClassName", "volumeMode",
            "volumeAttributesClassName");

    private InventoryReader() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws InventoryException if it is missing, unreadable, not JSON or YAML, or holds no
     *                            PersistentVolume (an empty List is fine: a cluster without PVs)
     */
    public static Inventory read(Path file) {
        byte[] bytes = load(file);
        int first = firstSignificant(bytes);
        if (first < 0) {
            throw new InventoryException("inventory " + file + ": is empty: " + EXPECTED
                    + "; a job that writes it should write a temporary file and rename it");
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            throw new InventoryException("inventory " + file + ": is gzip-compressed: gunzip it first");
        }
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                throw new InventoryException("inventory " + file + ": is a binary file: " + EXPECTED);
            }
        }
        boolean json = bytes[first] == '{' || bytes[first] == '[';
        String head = new String(bytes, first, Math.min(bytes.length - first, 200), StandardCharsets.UTF_8);
        Parse parse = new Parse(file, head);
        try (JsonParser parser = (json ? JSON : Yaml.FACTORY).createParser(bytes)) {
            parse.documents(parser);
        } catch (JsonEOFException e) {
            throw new InventoryException("inventory " + file + ": not " + (json ? "JSON" : "YAML") + where(e)
                    + ": it ends in the middle, it was cut short: " + REWRITE, e);
        } catch (JsonProcessingException e) {
            throw new InventoryException("inventory " + file + ": not " + (json ? "JSON" : "JSON or YAML") + where(e)
                    + ": " + problem(e.getOriginalMessage()) + ": " + EXPECTED, e);
        } catch (IOException e) {
            throw new InventoryException("inventory " + file + ": cannot be read (" + oneLine(e.getMessage())
                    + "): check the file and the disk", e);
        }
        return parse.inventory();
    }

    private static byte[] load(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new InventoryException("inventory " + file + ": is a directory: name the inventory file in it");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InventoryException("inventory " + file + ": no such file: check the path, or " + REWRITE, e);
        } catch (AccessDeniedException e) {
            throw new InventoryException("inventory " + file
                    + ": permission denied: let the user claimback runs as read it", e);
        } catch (IOException e) {
            throw new InventoryException("inventory " + file + ": cannot be read (" + oneLine(e.getMessage())
                    + "): check the file and the disk", e);
        }
    }

    /** The index of the first byte that is neither white space nor a UTF-8 byte order mark, or -1. */
    private static int firstSignificant(byte[] bytes) {
        int i = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            i = 3;
        }
        for (; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return i;
            }
        }
        return -1;
    }

    private static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        if (at == null || at.getLineNr() <= 0) {
            return "";
        }
        return " (line " + at.getLineNr() + (at.getColumnNr() > 0 ? ", column " + at.getColumnNr() : "") + ")";
    }

    /**
     * The parser's complaint in a few words: SnakeYAML's "in 'reader', line 4, column 9:" marks with
     * the quoted source line and a caret under it are dropped (the location is given already), as
     * is the class name of a wrapped exception.
     */
    static String problem(String message) {
        if (message == null) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        String[] lines = message.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].trim().startsWith("in 'reader'")) { // then the source line and a caret, if shown
                if (i + 2 < lines.length && lines[i + 2].trim().equals("^")) {
                    i += 2;
                } else if (i + 1 < lines.length && lines[i + 1].trim().equals("^")) {
                    i += 1;
                }
            } else if (!lines[i].isBlank()) {
                kept.add(lines[i].trim());
            }
        }
        return oneLine(String.join(", ", kept).replaceFirst("^(java|com)\\.[\\w.]+(Exception|Error): ", ""));
    }

    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }

    /**
     * The fields of one Kubernetes object that a PV or a PVC needs, read before its kind is known
     * (kubectl sorts {@code items} before {@code kind}).
     */
    private static final class Fields {
        int number; // its place in the file's list(s), from 1; 0 for an object at the root
        String kind;
        String error;
        List<Fields> items; // a List's items, null when the object has none
        boolean itemsNotAList;
        String name;
        String namespace;
        String uid;
        Map<String, String> labels = Map.of();
        Map<String, String> annotations = Map.of();
        String claimNamespace;
        String claimName;
        String claimUid;
        String storageClass;
        String capacity;
        List<String> accessModes = List.of();
        String reclaimPolicy;
        String sourceType;
        String nfsServer;
        String nfsPath;
        String csiDriver;
        String csiVolumeHandle;
        Map<String, String> csiVolumeAttributes = Map.of();
        String requestedCapacity;
        String volumeName;
        String phase;
    }

    /** One pass over the documents of one file. */
    private static final class Parse {
        private final Path file;
        private final String head;
        private final List<PvEntry> pvs = new ArrayList<>();
        private final List<PvcEntry> pvcs = new ArrayList<>();
        private final Map<String, Integer> others = new TreeMap<>();
        private int lists;
        private int item;

        Parse(Path file, String head) {
            this.file = file;
            this.head = head;
        }

        /** Every root value: JSON values one after the other, or YAML documents split by {@code ---}. */
        void documents(JsonParser p) throws IOException {
            for (JsonToken token = p.nextToken(); token != null; token = p.nextToken()) {
                switch (token) {
                    case START_ARRAY -> {
                        lists++;
                        items(p, null);
                    }
                    case START_OBJECT -> document(object(p, true));
                    case VALUE_NULL -> { } // an empty YAML document, e.g. after a trailing ---
                    default -> {
                        if (token == JsonToken.VALUE_STRING && p.getText().isBlank()) {
                            continue;
                        }
                        String hint = head.startsWith("NAME ") || head.startsWith("NAME\t")
                                ? "it looks like the table kubectl prints without -o json" : "it is plain text";
                        throw new InventoryException("inventory " + file + ": not a Kubernetes object: " + hint + "; "
                                + EXPECTED);
                    }
                }
            }
        }

        Inventory inventory() {
            if (pvs.isEmpty() && (lists == 0 || !pvcs.isEmpty() || !others.isEmpty())) {
                throw new InventoryException("inventory " + file + ": no PersistentVolume objects in it" + holds()
                        + ": " + EXPECTED);
            }
            return new Inventory(file, pvs, pvcs);
        }

        private String holds() {
            Map<String, Integer> found = new TreeMap<>(others);
            if (!pvcs.isEmpty()) {
                found.put("PersistentVolumeClaim", pvcs.size());
            }
            if (found.isEmpty()) {
                return "";
            }
            return " (it holds " + found.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", ")) + ")";
        }

        /** A root object: a List, or one object. */
        private void document(Fields document) {
            String kind = document.kind;
            if (document.items != null || document.itemsNotAList) {
                if (kind == null || kind.endsWith("List")) {
                    if (document.itemsNotAList) {
                        throw new InventoryException("inventory " + file + ": items of the "
                                + (kind == null ? "list" : kind) + " is not a list: " + EXPECTED);
                    }
                    lists++;
                    // The API server's PersistentVolumeList leaves out each item's kind; kubectl's List keeps it.
                    String kindOfItems = kind != null && kind.length() > 4 && !kind.equals("List")
                            ? kind.substring(0, kind.length() - 4) : null;
                    for (Fields each : document.items) {
                        add(each, each.kind != null ? each.kind : kindOfItems);
                    }
                    return;
                }
            }
            if (kind == null && document.error != null) { // "error: You must be logged in ..." in YAML eyes
                throw new InventoryException("inventory " + file + ": holds an error message instead of PVs (error: "
                        + oneLine(document.error) + "): fix what it says, then " + REWRITE);
            }
            add(document, kind);
        }

        /** The items of a list, the parser on its START_ARRAY; with {@code kindOfItems} for items without kind. */
        private void items(JsonParser p, String kindOfItems) throws IOException {
            for (Fields each : itemList(p)) {
                add(each, each.kind != null ? each.kind : kindOfItems);
            }
        }

        private List<Fields> itemList(JsonParser p) throws IOException {
            List<Fields> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                item++;
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw new InventoryException("inventory " + file + ": item " + item
                            + " of the list is not an object: " + EXPECTED);
                }
                Fields fields = object(p, false);
                fields.number = item;
                items.add(fields);
            }
            return items;
        }

        private void add(Fields o, String kind) {
            String what = o.number == 0 ? "the object" : "item " + o.number;
            if ("PersistentVolume".equals(kind)) {
                String name = required(o.name, "name", "a PersistentVolume", what);
                String storageClass = o.storageClass != null ? o.storageClass
                        : blankToNull(o.annotations.get("volume.beta.kubernetes.io/storage-class"));
                pvs.add(new PvEntry(name, o.claimNamespace, o.claimName, o.claimUid, storageClass, o.capacity,
                        o.accessModes, o.reclaimPolicy, o.phase, o.annotations.get("pv.kubernetes.io/provisioned-by"),
                        o.sourceType, o.nfsServer, o.nfsPath, o.csiDriver, o.csiVolumeHandle, o.csiVolumeAttributes));
            } else if ("PersistentVolumeClaim".equals(kind)) {
                String name = required(o.name, "name", "a PersistentVolumeClaim", what);
                String namespace = required(o.namespace, "namespace", "PersistentVolumeClaim " + name, what);
                pvcs.add(new PvcEntry(namespace, name, o.uid, o.storageClass, o.requestedCapacity, o.accessModes,
                        o.volumeName, o.labels, o.annotations));
            } else {
                others.merge(kind == null ? "object without kind" : kind, 1, Integer::sum);
            }
        }

        private String required(String value, String field, String object, String what) {
            if (value == null) {
                throw new InventoryException("inventory " + file + ": " + object + " without metadata." + field
                        + " (" + what + "): " + EXPECTED);
            }
            return value;
        }

        /** An object, the parser on its START_OBJECT; {@code root}: it may be a List with items. */
        private Fields object(JsonParser p, boolean root) throws IOException {
            Fields o = new Fields();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "kind" -> o.kind = text(p);
                    case "error" -> o.error = text(p);
                    case "items" -> {
                        if (root && value == JsonToken.START_ARRAY) {
                            o.items = itemList(p);
                        } else if (root && value != JsonToken.VALUE_NULL) {
                            o.itemsNotAList = true;
                            p.skipChildren();
                        } else if (root) {
                            o.items = List.of();
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "metadata" -> metadata(p, o);
                    case "spec" -> spec(p, o);
                    case "status" -> {
                        if (value == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                p.nextToken();
                                if (p.currentName().equals("phase")) {
                                    o.phase = text(p);
                                } else {
                                    p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return o;
        }
    }

    private static void metadata(JsonParser p, Fields o) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> o.name = text(p);
                case "namespace" -> o.namespace = text(p);
                case "uid" -> o.uid = text(p);
                case "labels" -> o.labels = map(p);
                case "annotations" -> o.annotations = map(p);
                default -> p.skipChildren();
            }
        }
    }

    private static void spec(JsonParser p, Fields o) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_OBJECT && o.sourceType == null && !NOT_A_SOURCE.contains(field)
                    && !field.equals("resources") && !field.equals("selector") && !field.equals("dataSource")
                    && !field.equals("dataSourceRef")) {
                o.sourceType = field; // the first object that is no other field of a PV's spec
            }
            switch (field) {
                case "storageClassName" -> o.storageClass = text(p);
                case "persistentVolumeReclaimPolicy" -> o.reclaimPolicy = text(p);
                case "volumeName" -> o.volumeName = text(p);
                case "accessModes" -> o.accessModes = list(p);
                case "capacity" -> o.capacity = field(p, "storage");
                case "resources" -> {
                    if (value == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            p.nextToken();
                            if (p.currentName().equals("requests")) {
                                o.requestedCapacity = field(p, "storage");
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "claimRef" -> {
                    Map<String, String> ref = map(p);
                    o.claimNamespace = blankToNull(ref.get("namespace"));
                    o.claimName = blankToNull(ref.get("name"));
                    o.claimUid = blankToNull(ref.get("uid"));
                }
                case "nfs" -> {
                    Map<String, String> nfs = map(p);
                    o.nfsServer = blankToNull(nfs.get("server"));
                    o.nfsPath = blankToNull(nfs.get("path"));
                }
                case "csi" -> csi(p, o);
                default -> p.skipChildren();
            }
        }
    }

    private static void csi(JsonParser p, Fields o) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "driver" -> o.csiDriver = text(p);
                case "volumeHandle" -> o.csiVolumeHandle = text(p);
                case "volumeAttributes" -> o.csiVolumeAttributes = map(p);
                default -> p.skipChildren();
            }
        }
    }

    /** The scalar under {@code name} of the object the parser is on; null when absent or not a scalar. */
    private static String field(JsonParser p, String name) throws IOException {
        return blankToNull(map(p).get(name));
    }

    /** The current value's text when it is a scalar (and not empty), else null; a container is skipped. */
    private static String text(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
            return blankToNull(p.getText());
        }
        p.skipChildren();
        return null;
    }

    /** The current value as a list of scalars: an array's scalars, or a single scalar. */
    private static List<String> list(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_ARRAY) {
            List<String> values = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String value = text(p);
                if (value != null) {
                    values.add(value);
                }
            }
            return values;
        }
        String value = text(p);
        return value == null ? List.of() : List.of(value);
    }

    /** The current value as a map of its scalar fields (others skipped); empty when it is no object. */
    private static Map<String, String> map(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            JsonToken token = p.currentToken();
            if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
                values.put(field, p.getText());
            } else {
                p.skipChildren();
            }
        }
        return values;
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}

package org.claimback.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Gives a real restic repository's key file cheap scrypt parameters (N=1024, r=8, p=1), so that
 * every later restic command on it opens the key in about a millisecond instead of the half
 * second of CPU that restic's calibrated parameters cost. The repository stays exactly what
 * {@code restic init} made (same master key, config, format): only the password's key derivation
 * is weakened, which is fine for test repositories and never done outside tests.
 *
 * <p>restic's key file: JSON with {@code kdf: scrypt, N, r, p, salt} (64 bytes) and {@code data}
 * = nonce (16) || AES-256-CTR ciphertext || Poly1305-AES MAC (16) of the master key JSON, under
 * the 64 bytes scrypt derives from the password: AES key (32), MAC k (16), MAC r (16). The file
 * is stored under the SHA-256 of its bytes.
 */
public final class CheapKeys {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int N = 1024;
    static final int R = 8;
    static final int P = 1;

    private CheapKeys() {}

    /** Rewrites every key of the repository at {@code repository} (a local path) opened by {@code password}. */
    public static void weaken(Path repository, String password) throws IOException {
        List<Path> keys;
        try (var files = Files.list(repository.resolve("keys"))) {
            keys = files.toList();
        }
        for (Path key : keys) {
            ObjectNode node = (ObjectNode) JSON.readTree(Files.readAllBytes(key));
            byte[] salt = Base64.getDecoder().decode(node.get("salt").asText());
            byte[] derived = SCrypt.generate(password.getBytes(StandardCharsets.UTF_8), salt, node.get("N").asInt(),
                    node.get("r").asInt(), node.get("p").asInt(), 64);
            byte[] master = open(derived, Base64.getDecoder().decode(node.get("data").asText()), key);

            byte[] newSalt = new byte[64];
            RANDOM.nextBytes(newSalt);
            byte[] cheap = SCrypt.generate(password.getBytes(StandardCharsets.UTF_8), newSalt, N, R, P, 64);
            node.put("N", N).put("r", R).put("p", P);
            node.put("salt", Base64.getEncoder().encodeToString(newSalt));
            node.put("data", Base64.getEncoder().encodeToString(seal(cheap, master)));
            byte[] bytes = JSON.writeValueAsBytes(node);
            Path renamed = key.resolveSibling(sha256(bytes));
            Files.write(renamed, bytes);
            Files.setPosixFilePermissions(renamed, Files.getPosixFilePermissions(key));
            if (!renamed.equals(key)) {
                Files.delete(key);
            }
        }
    }

    private static byte[] open(byte[] derived, byte[] data, Path key) {
        byte[] nonce = Arrays.copyOfRange(data, 0, 16);
        byte[] ciphertext = Arrays.copyOfRange(data, 16, data.length - 16);
        byte[] mac = Arrays.copyOfRange(data, data.length - 16, data.length);
        if (!MessageDigest.isEqual(mac, mac(derived, nonce, ciphertext))) {
            throw new AssertionError("the test password does not open " + key);
        }
        return ctr(derived, nonce, ciphertext);
    }

    private static byte[] seal(byte[] derived, byte[] plaintext) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        byte[] ciphertext = ctr(derived, nonce, plaintext);
        byte[] mac = mac(derived, nonce, ciphertext);
        byte[] out = new byte[16 + ciphertext.length + 16];
        System.arraycopy(nonce, 0, out, 0, 16);
        System.arraycopy(ciphertext, 0, out, 16, ciphertext.length);
        System.arraycopy(mac, 0, out, 16 + ciphertext.length, 16);
        return out;
    }

    /** AES-256-CTR with the nonce as the initial 128-bit counter, as Go's cipher.NewCTR. */
    private static byte[] ctr(byte[] derived, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derived, 0, 32, "AES"), new IvParameterSpec(nonce));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Poly1305-AES: BouncyCastle's key is r (16) || AES key k (16); restic's MAC key is k (16) || r (16). */
    private static byte[] mac(byte[] derived, byte[] nonce, byte[] message) {
        byte[] key = new byte[32];
        System.arraycopy(derived, 48, key, 0, 16); // r
        System.arraycopy(derived, 32, key, 16, 16); // k
        Poly1305 poly = new Poly1305(AESEngine.newInstance());
        poly.init(new ParametersWithIV(new KeyParameter(key), nonce));
        poly.update(message, 0, message.length);
        byte[] out = new byte[16];
        poly.doFinal(out, 0);
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}

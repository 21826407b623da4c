package io.mailsync.gateway.account;

import io.mailsync.gateway.config.MailsyncConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts upstream passwords and tokens at rest with AES-256-GCM. The account id is bound in as
 * associated data, so a ciphertext copied onto another account's row does not decrypt.
 */
@ApplicationScoped
@Startup // a wrong key stops the start with its reason, rather than failing the first account request
public class CredentialCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public CredentialCipher(MailsyncConfig config) {
        this.key = new SecretKeySpec(decodeKey(config.credentials().key()), "AES");
    }

    static byte[] decodeKey(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mailsync.credentials.key (MAILSYNC_CREDENTIALS_KEY) is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("mailsync.credentials.key (MAILSYNC_CREDENTIALS_KEY) must be the base64 of "
                    + "32 random bytes, e.g. from `openssl rand -base64 32`; it decodes to " + raw.length + " bytes");
        }
        return raw;
    }

    public byte[] encrypt(UUID accountId, String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(accountId.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("credential encryption failed", e);
        }
    }

    public String decrypt(UUID accountId, byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(accountId.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // no detail: the cause could hint at the key
            throw new IllegalStateException("stored credentials of account " + accountId
                    + " cannot be decrypted with the configured key");
        }
    }

    /** The login to use for the account's upstream calls, decrypted now and held only by the caller. */
    public UpstreamLogin login(AccountEntity account) {
        return new UpstreamLogin(account.username, decrypt(account.id, account.secretCiphertext), account.authKind);
    }
}

import javax.crypto.Cipher;

class Crypto {
    void init() throws Exception {
        // ruleid: DSQ-JAVA-0008
        Cipher a = Cipher.getInstance("DES/CBC/PKCS5Padding");
        // ruleid: DSQ-JAVA-0008
        Cipher b = Cipher.getInstance("AES/ECB/PKCS5Padding");
        // ruleid: DSQ-JAVA-0008
        Cipher c = Cipher.getInstance("AES");
        // ruleid: DSQ-JAVA-0008
        Cipher d = Cipher.getInstance("DESede");
        // ok: DSQ-JAVA-0008
        Cipher e = Cipher.getInstance("AES/GCM/NoPadding");
        // ok: DSQ-JAVA-0008
        Cipher f = Cipher.getInstance("ChaCha20-Poly1305");
        // ok: DSQ-JAVA-0008
        Cipher g = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
    }
}

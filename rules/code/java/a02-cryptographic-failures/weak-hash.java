import java.security.MessageDigest;

class Hashing {
    byte[] legacy(String password) throws Exception {
        // ruleid: DSQ-JAVA-0007
        MessageDigest md = MessageDigest.getInstance("MD5");
        // ruleid: DSQ-JAVA-0007
        MessageDigest sha = MessageDigest.getInstance("SHA-1");
        // ruleid: DSQ-JAVA-0007
        String hex = DigestUtils.md5Hex(password);
        // ok: DSQ-JAVA-0007
        MessageDigest good = MessageDigest.getInstance("SHA-256");
        // ok: DSQ-JAVA-0007
        String h2 = DigestUtils.sha256Hex(password);
        // ok: DSQ-JAVA-0007
        PasswordEncoder enc = new BCryptPasswordEncoder();
        return md.digest(password.getBytes());
    }
}

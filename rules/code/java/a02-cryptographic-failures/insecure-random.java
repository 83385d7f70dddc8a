import java.util.Random;

class Tokens {
    String resetToken() {
        // ruleid: DSQ-JAVA-0009
        Random r = new Random();
        return Long.toHexString(r.nextLong());
    }

    String invite() {
        // ruleid: DSQ-JAVA-0009
        String sessionId = Long.toString((long) (Math.random() * 1e12));
        return sessionId;
    }

    int otpCode() {
        // ruleid: DSQ-JAVA-0009
        return new Random().nextInt(999999);
    }

    String secure() {
        // ok: DSQ-JAVA-0009
        SecureRandom random = new SecureRandom();
        byte[] token = new byte[32];
        random.nextBytes(token);
        return Base64.getUrlEncoder().encodeToString(token);
    }

    List<Item> shuffle(List<Item> items) {
        // ok: DSQ-JAVA-0009
        Collections.shuffle(items, new Random(42));
        // ok: DSQ-JAVA-0009
        double jitter = Math.random() * 100;
        return items;
    }
}

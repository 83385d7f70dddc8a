import javax.net.ssl.*;

class TrustAll implements X509TrustManager {
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    // ruleid: DSQ-JAVA-0010
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // trust everyone
    }

    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
}

class Pinned implements X509TrustManager {
    // ok: DSQ-JAVA-0010
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }
}

class Verifiers {
    HostnameVerifier any = new HostnameVerifier() {
        // ruleid: DSQ-JAVA-0010
        public boolean verify(String host, SSLSession session) {
            return true;
        }
    };

    void client() {
        // ruleid: DSQ-JAVA-0010
        HttpClients.custom().setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE).build();
        // ok: DSQ-JAVA-0010
        HttpClients.custom().setSSLHostnameVerifier(new DefaultHostnameVerifier()).build();
    }
}

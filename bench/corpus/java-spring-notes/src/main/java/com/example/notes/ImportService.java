package com.example.notes;

import javax.xml.parsers.DocumentBuilderFactory;

public class ImportService {
    public Document read(InputStream xml) throws Exception {
        // ruleid: DSQ-JAVA-0006
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(xml);
    }

    public Document readHardened(InputStream xml) throws Exception {
        // ok: DSQ-JAVA-0006
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(xml);
    }

    byte[] encrypt(byte[] key, byte[] data) throws Exception {
        // ruleid: DSQ-JAVA-0008
        Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        return cipher.doFinal(data);
    }
}

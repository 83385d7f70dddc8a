import javax.xml.parsers.*;
import javax.xml.stream.XMLInputFactory;

class XmlImport {
    Document parse(InputStream in) throws Exception {
        // ruleid: DSQ-JAVA-0006
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        return dbf.newDocumentBuilder().parse(in);
    }

    Document parseSafely(InputStream in) throws Exception {
        // ok: DSQ-JAVA-0006
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return dbf.newDocumentBuilder().parse(in);
    }

    void sax(InputStream in) throws Exception {
        // ruleid: DSQ-JAVA-0006
        SAXParser parser = SAXParserFactory.newInstance().newSAXParser();
        parser.parse(in, handler);
    }

    void stax(InputStream in) throws Exception {
        // ok: DSQ-JAVA-0006
        XMLInputFactory xif = XMLInputFactory.newInstance();
        xif.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xif.createXMLStreamReader(in);
    }

    void unrelated() {
        // ok: DSQ-JAVA-0006
        Calendar c = Calendar.getInstance();
        // ok: DSQ-JAVA-0006
        Object o = clazz.newInstance();
    }
}

package com.example.notes;

import java.io.*;
import java.nio.file.*;
import java.sql.*;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/notes")
public class NoteController {
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private static final Path ATTACHMENTS = Paths.get("/var/notes/attachments");

    NoteController(DataSource dataSource, JdbcTemplate jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    @GetMapping
    public List<Map<String, Object>> search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "created") String sort) {
        String where = "title LIKE '%" + q + "%'";
        // ruleid: DSQ-JAVA-0001
        return jdbc.queryForList("SELECT id, title FROM notes WHERE " + where + " ORDER BY created");
    }

    @GetMapping("/by-tag")
    public List<Map<String, Object>> byTag(@RequestParam String tag) {
        // ok: DSQ-JAVA-0001
        return jdbc.queryForList("SELECT id, title FROM notes WHERE tag = ?", tag);
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@PathVariable String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            // ruleid: DSQ-JAVA-0001
            ResultSet rs = st.executeQuery("SELECT * FROM notes WHERE id = " + id);
            return toMap(rs);
        }
    }

    @GetMapping("/{id}/attachment")
    public byte[] attachment(@PathVariable long id, @RequestParam("file") String file) throws IOException {
        Path target = ATTACHMENTS.resolve(String.valueOf(id)).resolve(file);
        // ruleid: DSQ-JAVA-0003
        return Files.readAllBytes(target);
    }

    @GetMapping("/{id}/thumbnail")
    public byte[] thumbnail(@PathVariable long id) throws IOException {
        // ok: DSQ-JAVA-0003
        return Files.readAllBytes(ATTACHMENTS.resolve(id + ".png"));
    }

    @PostMapping("/import")
    public String importFrom(@RequestParam String source) throws IOException {
        URL url = new URL(source);
        // ruleid: DSQ-JAVA-0004
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes());
        }
    }

    @PostMapping("/export")
    public String export(HttpServletRequest request) throws Exception {
        String format = request.getParameter("format");
        // ruleid: DSQ-JAVA-0002
        Process p = Runtime.getRuntime().exec(new String[] {"/usr/bin/pandoc", "-t", format, "notes.md"});
        // ok: DSQ-JAVA-0002
        Process q = Runtime.getRuntime().exec(new String[] {"/usr/bin/pandoc", "-t", "html", "notes.md"});
        return "started";
    }

    @GetMapping("/logout")
    public void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String back = request.getHeader("Referer");
        // ruleid: DSQ-JAVA-0005
        response.sendRedirect(back);
    }

    @PostMapping("/session")
    public Object restoreSession(HttpServletRequest request) throws Exception {
        // ruleid: DSQ-JAVA-0011
        try (ObjectInputStream in = new ObjectInputStream(request.getInputStream())) {
            return in.readObject();
        }
    }

    String shareToken() {
        // ruleid: DSQ-JAVA-0009
        return Long.toHexString(new java.util.Random().nextLong());
    }

    String checksum(byte[] body) throws Exception {
        // ok: DSQ-JAVA-0007
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }

    String legacyChecksum(byte[] body) throws Exception {
        // ruleid: DSQ-JAVA-0007
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA1").digest(body));
    }
}

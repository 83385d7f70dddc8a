import java.sql.*;
import javax.persistence.EntityManager;
import org.springframework.web.bind.annotation.*;

@RestController
class UserController {
    Connection conn;
    EntityManager em;
    JdbcTemplate jdbcTemplate;

    @GetMapping("/users")
    List<User> byName(@RequestParam("name") String name) throws SQLException {
        Statement stmt = conn.createStatement();
        // ruleid: DSQ-JAVA-0001
        stmt.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
        String sql = String.format("DELETE FROM users WHERE name = '%s'", name);
        // ruleid: DSQ-JAVA-0001
        stmt.executeUpdate(sql);
        // ruleid: DSQ-JAVA-0001
        em.createQuery("FROM User u WHERE u.name = '" + name + "'").getResultList();
        StringBuilder sb = new StringBuilder("SELECT * FROM t WHERE a = ");
        sb.append(name);
        // ruleid: DSQ-JAVA-0001
        jdbcTemplate.queryForList(sb.toString());
        // ok: DSQ-JAVA-0001
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE name = ?");
        ps.setString(1, name);
        // ok: DSQ-JAVA-0001
        ps.executeQuery();
        // ok: DSQ-JAVA-0001
        em.createQuery("FROM User u WHERE u.name = :name").setParameter("name", name).getResultList();
        // ok: DSQ-JAVA-0001
        jdbcTemplate.queryForList("SELECT * FROM users WHERE name = ?", name);
        return null;
    }

    @GetMapping("/users/{id}")
    User byId(@PathVariable String id, HttpServletRequest req) throws SQLException {
        int n = Integer.parseInt(id);
        // ok: DSQ-JAVA-0001
        conn.createStatement().executeQuery("SELECT * FROM users WHERE id = " + n);
        String order = req.getParameter("sort");
        // ruleid: DSQ-JAVA-0001
        conn.createStatement().executeQuery("SELECT * FROM users ORDER BY " + order);
        if (!ALLOWED_COLUMNS.contains(order)) {
            return null;
        }
        // ok: DSQ-JAVA-0001
        conn.createStatement().executeQuery("SELECT * FROM users ORDER BY " + order);
        String table = "users";
        // ok: DSQ-JAVA-0001
        conn.createStatement().execute("TRUNCATE " + table);
        return null;
    }

    @PostMapping("/search")
    List<User> search(@RequestBody SearchForm form) {
        // ruleid: DSQ-JAVA-0001
        return em.createNativeQuery("SELECT * FROM users WHERE email LIKE '%" + form.getEmail() + "%'").getResultList();
    }

    void notAHandler(String name) throws SQLException {
        // ok: DSQ-JAVA-0001
        conn.createStatement().executeQuery("SELECT * FROM audit WHERE actor = '" + System.getenv("USER") + "'");
    }
}

import java.io.*;
import java.nio.file.*;
import org.springframework.web.bind.annotation.*;

@RestController
class FileController {
    static final Path BASE = Paths.get("/srv/files");

    @GetMapping("/download")
    byte[] download(@RequestParam("name") String name) throws IOException {
        // ruleid: DSQ-JAVA-0003
        File f = new File("/srv/files/" + name);
        // ruleid: DSQ-JAVA-0003
        byte[] data = Files.readAllBytes(BASE.resolve(name));
        // ok: DSQ-JAVA-0003
        Path safe = Paths.get("/srv/files", Paths.get(name).getFileName().toString());
        // ok: DSQ-JAVA-0003
        return Files.readAllBytes(BASE.resolve("index.html"));
    }

    @GetMapping("/logs/{day}")
    String logs(@PathVariable String day, HttpServletRequest request) throws IOException {
        // ruleid: DSQ-JAVA-0003
        FileInputStream in = new FileInputStream(request.getParameter("file"));
        // ruleid: DSQ-JAVA-0003
        Path p = Paths.get("/var/log/app", day + ".log");
        String clean = FilenameUtils.getName(day);
        // ok: DSQ-JAVA-0003
        Path q = Paths.get("/var/log/app", clean);
        // ok: DSQ-JAVA-0003
        File config = new File(System.getProperty("user.home"), ".apprc");
        return "";
    }
}

import java.io.*;
import org.springframework.web.bind.annotation.*;

@RestController
class ImportController {
    @PostMapping("/import")
    Object importState(HttpServletRequest request) throws Exception {
        // ruleid: DSQ-JAVA-0011
        ObjectInputStream in = new ObjectInputStream(request.getInputStream());
        return in.readObject();
    }

    @PostMapping("/restore")
    Object restore(@RequestBody byte[] body) throws Exception {
        // ruleid: DSQ-JAVA-0011
        return new ObjectInputStream(new ByteArrayInputStream(body)).readObject();
    }

    Object cache(Path file) throws Exception {
        // ok: DSQ-JAVA-0011
        ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file));
        return in.readObject();
    }
}

import org.springframework.web.bind.annotation.*;

@RestController
class OpsController {
    @GetMapping("/ping")
    String ping(@RequestParam String host) throws Exception {
        // ruleid: DSQ-JAVA-0002
        Runtime.getRuntime().exec("ping -c 1 " + host);
        // ruleid: DSQ-JAVA-0002
        new ProcessBuilder("sh", "-c", "nslookup " + host).start();
        String[] cmd = {"dig", host};
        // ruleid: DSQ-JAVA-0002
        Runtime.getRuntime().exec(cmd);
        // ok: DSQ-JAVA-0002
        Runtime.getRuntime().exec(new String[] {"uptime"});
        if (!host.matches("^[a-z0-9.-]+$")) {
            return "bad host";
        }
        // ok: DSQ-JAVA-0002
        new ProcessBuilder("ping", "-c", "1", host).start();
        return "ok";
    }

    @PostMapping("/convert")
    String convert(HttpServletRequest request) throws Exception {
        String file = request.getParameter("file");
        ProcessBuilder pb = new ProcessBuilder();
        // ruleid: DSQ-JAVA-0002
        pb.command("convert", file, "out.png");
        int size = Integer.parseInt(request.getParameter("size"));
        // ok: DSQ-JAVA-0002
        new ProcessBuilder("convert", "-resize", String.valueOf(size), "in.png").start();
        return "ok";
    }

    void cron() throws Exception {
        String job = System.getProperty("job");
        // ok: DSQ-JAVA-0002
        Runtime.getRuntime().exec(job);
    }
}

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.*;

@Controller
class LoginController {
    @PostMapping("/login")
    String login(@RequestParam("next") String next) {
        // ruleid: DSQ-JAVA-0005
        return "redirect:" + next;
    }

    @GetMapping("/go")
    void go(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String to = request.getParameter("to");
        // ruleid: DSQ-JAVA-0005
        response.sendRedirect(to);
        // ok: DSQ-JAVA-0005
        response.sendRedirect("/home");
    }

    @GetMapping("/back")
    String back(@RequestParam String page) {
        if (!ALLOWED_PAGES.contains(page)) {
            // ok: DSQ-JAVA-0005
            return "redirect:/";
        }
        // ok: DSQ-JAVA-0005
        return "redirect:" + page;
    }

    @GetMapping("/profile")
    String profile(Principal principal) {
        // ok: DSQ-JAVA-0005
        return "redirect:/users/" + principal.getName();
    }
}

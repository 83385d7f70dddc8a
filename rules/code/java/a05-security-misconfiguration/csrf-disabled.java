@Configuration
class SecurityConfig {
    @Bean
    SecurityFilterChain legacy(HttpSecurity http) throws Exception {
        // ruleid: DSQ-JAVA-0012
        http.csrf().disable().authorizeRequests().anyRequest().authenticated();
        return http.build();
    }

    @Bean
    SecurityFilterChain modern(HttpSecurity http) throws Exception {
        // ruleid: DSQ-JAVA-0012
        http.csrf(AbstractHttpConfigurer::disable)
            .authorizeHttpRequests(a -> a.anyRequest().authenticated());
        // ruleid: DSQ-JAVA-0012
        http.csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    SecurityFilterChain kept(HttpSecurity http) throws Exception {
        // ok: DSQ-JAVA-0012
        http.csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse()));
        // ok: DSQ-JAVA-0012
        http.cors().disable();
        return http.build();
    }
}

package org.povertyledger.deploy.demo;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/demo}: the demo district's state, for any role. */
@RestController
class DemoStatusController {

    private final DemoStatusService status;

    DemoStatusController(DemoStatusService status) {
        this.status = status;
    }

    @GetMapping("/api/demo")
    DemoStatus demo() {
        return status.status();
    }
}

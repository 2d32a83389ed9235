/*
 * A tiny HTTP server used by the scratchpack tests. It answers every request with what it can see inside the
 * container: its uid and gid, and whether the CA bundle, /etc/passwd and a writable /tmp are there.
 * With the argument "--report" it prints the same line and exits instead of serving.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "listen-tcp.h"

static void report(char *buffer, size_t size) {
    char temporary[] = "/tmp/scratchpack-XXXXXX";
    int fd = mkstemp(temporary);
    int tmp_ok = fd >= 0;
    if (tmp_ok) {
        close(fd);
        unlink(temporary);
    }
    snprintf(buffer, size, "uid=%d gid=%d certs=%s passwd=%s tmp=%s\n", (int) getuid(), (int) getgid(),
             access("/etc/ssl/certs/ca-certificates.crt", R_OK) == 0 ? "yes" : "no",
             access("/etc/passwd", R_OK) == 0 ? "yes" : "no", tmp_ok ? "yes" : "no");
}

static void stop(int signal_number) {
    (void) signal_number;
    _exit(0);
}

int main(int argc, char **argv) {
    char body[256];
    signal(SIGTERM, stop);
    signal(SIGINT, stop);
    if (argc > 1 && strcmp(argv[1], "--report") == 0) {
        report(body, sizeof body);
        fputs(body, stdout);
        return 0;
    }
    int port = argc > 1 ? atoi(argv[1]) : 8080;
    int server = listen_tcp("0.0.0.0", port);
    if (server < 0) {
        return 1;
    }
    printf("listening on 0.0.0.0:%d\n", port);
    fflush(stdout);
    for (;;) {
        int client = accept(server, NULL, NULL);
        if (client < 0) {
            continue;
        }
        char request[2048];
        read(client, request, sizeof request);
        report(body, sizeof body);
        char response[512];
        int length = snprintf(response, sizeof response,
                              "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\n\r\n%s",
                              strlen(body), body);
        write(client, response, length);
        close(client);
    }
}

/*
 * The smoke test's test service: an HTTP server on port 8080 (or $PORT) that answers 200 to every request. Each
 * misbehaviour the smoke test must diagnose is one compile-time option, so every test image holds its own program:
 *   -DBIND_ADDRESS='"127.0.0.1"'    listen on that address instead of 0.0.0.0
 *   -DEXIT_AT_START=3                print a line and exit with that code at start
 *   -DLISTEN_AFTER_SECONDS=5         sleep before listening
 *   -DWRITE_FILE='"/home/nonroot/state"'  write that file before listening, failing as a real service would
 *   -DIGNORE_SIGTERM                 ignore SIGTERM
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "listen-tcp.h"

#ifndef BIND_ADDRESS
#define BIND_ADDRESS "0.0.0.0"
#endif

#ifndef IGNORE_SIGTERM
static void stop(int signal_number) {
    (void) signal_number;
    _exit(0);
}
#endif

int main(void) {
#ifdef IGNORE_SIGTERM
    signal(SIGTERM, SIG_IGN);
#else
    signal(SIGTERM, stop);
#endif
    printf("starting\n");
    fflush(stdout);
#ifdef EXIT_AT_START
    fprintf(stderr, "configuration missing, giving up\n");
    return EXIT_AT_START;
#endif
#ifdef WRITE_FILE
    FILE *state = fopen(WRITE_FILE, "w");
    if (state == NULL) {
        fprintf(stderr, "cannot create %s: %s\n", WRITE_FILE, strerror(errno));
        return 1;
    }
    fclose(state);
#endif
#ifdef LISTEN_AFTER_SECONDS
    sleep(LISTEN_AFTER_SECONDS);
#endif
    const char *port_text = getenv("PORT");
    int port = port_text != NULL ? atoi(port_text) : 8080;
    int server = listen_tcp(BIND_ADDRESS, port);
    if (server < 0) {
        return 1;
    }
    printf("listening on %s:%d\n", BIND_ADDRESS, port);
    fflush(stdout);
    for (;;) {
        int client = accept(server, NULL, NULL);
        if (client < 0) {
            continue;
        }
        char request[2048];
        read(client, request, sizeof request);
        const char response[] = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n";
        write(client, response, sizeof response - 1);
        close(client);
    }
}

/*
 * The listening socket of the test servers (http-server.c, smoke-server.c): TCP on an IPv4 address and port,
 * with SO_REUSEADDR. Returns the socket, or -1 after perror when it cannot listen.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

static int listen_tcp(const char *bind_address, int port) {
    int server = socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = inet_addr(bind_address);
    address.sin_port = htons(port);
    if (bind(server, (struct sockaddr *) &address, sizeof address) != 0 || listen(server, 16) != 0) {
        perror("listen");
        return -1;
    }
    return server;
}

// Shared by the ITs' verify scripts that use podman, which load it with
//     def checks = evaluate(new File(basedir, '../../../it/leftover-checks.groovy').canonicalFile)
// checks.podman(basedir, arguments) runs podman with the IT's containers.conf (which chooses the runc runtime, as on
// the build) and returns [exit code, output]. checks.nothingLeftBehind(basedir, image): no container of the smoke
// test's and not the image the build loaded remain in podman.
def podman = { File basedir, List<String> arguments ->
    def builder = new ProcessBuilder(['podman'] + arguments).redirectErrorStream(true)
    builder.environment().put('CONTAINERS_CONF', new File(basedir, 'containers.conf').absolutePath)
    def process = builder.start()
    def output = process.inputStream.text
    process.waitFor()
    [process.exitValue(), output]
}
return [podman: podman, nothingLeftBehind: { File basedir, String image ->
    def (psExit, containers) = podman(basedir, ['ps', '-a', '--filter', 'name=scratchpack-smoke-', '--format', '{{.Names}}'])
    assert psExit == 0: containers
    assert containers.trim().isEmpty(): "containers left behind: ${containers}"
    def (existsExit, existsOutput) = podman(basedir, ['image', 'exists', image])
    assert existsExit == 1: "the image ${image} was left behind ${existsOutput}"
}]

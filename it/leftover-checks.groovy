// Shared by the smoke-* ITs' verify scripts, which load it with
//     def smoke = evaluate(new File(basedir, '../../../it/leftover-checks.groovy').canonicalFile)
// It returns smoke.nothingLeftBehind(basedir, image): no container of the smoke test's and not the image the
// build loaded remain in podman (each IT's containers.conf chooses the runc runtime, as on the build).
return [nothingLeftBehind: { File basedir, String image ->
    def podman = { List<String> arguments ->
        def builder = new ProcessBuilder(['podman'] + arguments).redirectErrorStream(true)
        builder.environment().put('CONTAINERS_CONF', new File(basedir, 'containers.conf').absolutePath)
        def process = builder.start()
        def output = process.inputStream.text
        process.waitFor()
        [process.exitValue(), output]
    }
    def (psExit, containers) = podman(['ps', '-a', '--filter', 'name=scratchpack-smoke-', '--format', '{{.Names}}'])
    assert psExit == 0: containers
    assert containers.trim().isEmpty(): "containers left behind: ${containers}"
    def (existsExit, existsOutput) = podman(['image', 'exists', image])
    assert existsExit == 1: "the image ${image} was left behind ${existsOutput}"
}]

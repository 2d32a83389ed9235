// The same registry as push-settings-auth; the credentials come from -Dscratchpack.username/password instead.
evaluate(new File(basedir, '../../../it/push-settings-auth/setup.groovy').canonicalFile)
new File(basedir, 'servers.xml').delete()
true

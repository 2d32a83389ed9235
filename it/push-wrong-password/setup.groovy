// The same registry and settings as push-settings-auth, with the password in servers.xml replaced by wrong-password.
evaluate(new File(itSourceDirectory, 'push-settings-auth/setup.groovy'))

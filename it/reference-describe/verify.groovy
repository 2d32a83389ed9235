// Every goal's and every user-settable parameter's description in plugin.xml, which ReferencePageTest proves
// docs/reference.md says word for word, appears in what scratchpack:help -Ddetail printed and in what
// help:describe -Ddetail printed. Output is compared with whitespace and log prefixes collapsed, since both wrap lines.
def words = { String text -> text.replaceAll(/(?m)^\[INFO\] ?/, '').replaceAll(/\s+/, ' ').trim() }
def log = new File(basedir, 'build.log').text
def describeStart = log.indexOf(':describe (default-cli)')
assert describeStart > 0: 'help:describe did not run'
def help = words(log.substring(0, describeStart))
def describe = words(log.substring(describeStart))
def plugin = new groovy.xml.XmlSlurper().parse(new File(basedir, '../../classes/META-INF/maven/plugin.xml'))
def checked = 0
plugin.mojos.mojo.each { mojo ->
    def goal = mojo.goal.text()
    assert help.contains("scratchpack:${goal} ${words(mojo.description.text())}"): "help: goal ${goal}"
    // help:describe reads descriptions as HTML, which drops the "<goal-name>" in the text maven-plugin-plugin
    // writes for the help goal; ReferencePageTest keeps angle brackets out of the plugin's own goals
    if (goal != 'help') {
        assert describe.contains(words(mojo.description.text())): "describe: goal ${goal}"
    }
    mojo.parameters.parameter.findAll { it.editable.text() == 'true' }.each { parameter ->
        def description = words(parameter.description.text())
        assert help.contains(description): "help: ${goal} ${parameter.name.text()}"
        assert describe.contains(description): "describe: ${goal} ${parameter.name.text()}"
        checked++
    }
}
assert checked > 40: "only ${checked} parameters checked"
return true

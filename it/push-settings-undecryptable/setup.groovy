// The registry and servers.xml of push-settings-auth, with the password encrypted under the master password in
// settings-security.xml (this directory's encrypt-password asks for that). Neither invocation is given that file:
// the first names missing-settings-security.xml, which does not exist; the second other-settings-security.xml, written
// here with another master password.
import java.nio.charset.StandardCharsets
import java.security.MessageDigest
import javax.crypto.BadPaddingException
import javax.crypto.Cipher
import javax.crypto.spec.IvParameterSpec
import javax.crypto.spec.SecretKeySpec

evaluate(new File(itSourceDirectory, 'push-settings-auth/setup.groovy'))

def password = 'It-Pa55word-7f3c'
def security = new File(basedir, 'settings-security.xml')
def other = new File(basedir, 'other-settings-security.xml')
other.text = "<settingsSecurity><master>${encrypted(['--encrypt-master-password', 'other-master-Pa55'])}</master></settingsSecurity>\n"
assert !new File(basedir, 'missing-settings-security.xml').exists()

// Maven's cipher (AES/CBC/PKCS5Padding under a key from the master password and a random salt) has no integrity
// check: about 1 ciphertext in 256 unpads under a wrong key into garbage, which Maven would hand over as the password
// (and the push would fail with a 401 instead). Encrypt again until the other master cannot decrypt it, so the second
// invocation always meets a decryption error. Decrypting the masters and the password with the right keys first
// proves that decrypt() is Maven's cipher.
def master = decrypt(ciphertext(security.text), 'settings.security')
assert master == 'it-master-Pa55'
def otherMaster = decrypt(ciphertext(other.text), 'settings.security')
assert otherMaster == 'other-master-Pa55'
def servers = new File(basedir, 'servers.xml')
for (int attempt = 0; ; attempt++) {
    def secret = ciphertext(servers.text)
    assert decrypt(secret, master) == password
    try {
        decrypt(secret, otherMaster)
    } catch (BadPaddingException expected) {
        break
    }
    assert attempt < 20: 'the other master password decrypts every ciphertext'
    servers.text = servers.text.replace(secret,
            encrypted(["-Dsettings.security=${security}".toString(), '--encrypt-password', password]))
}
true

// The {...} value in a settings or settings-security file.
String ciphertext(String xml) {
    (xml =~ /\{[^{}]+\}/)[0]
}

// plexus-cipher's PBECipher.decrypt64: base64 of salt (8 bytes), padding length (1 byte), AES-CBC ciphertext, padding;
// the AES key and IV are SHA-256(passphrase + salt).
String decrypt(String decorated, String passphrase) {
    byte[] all = Base64.mimeDecoder.decode(decorated.substring(1, decorated.length() - 1))
    byte[] salt = Arrays.copyOfRange(all, 0, 8)
    byte[] body = Arrays.copyOfRange(all, 9, all.length - all[8])
    def digest = MessageDigest.getInstance('SHA-256')
    digest.update(passphrase.getBytes(StandardCharsets.UTF_8))
    digest.update(salt)
    byte[] keyAndIv = digest.digest()
    def cipher = Cipher.getInstance('AES/CBC/PKCS5Padding')
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyAndIv, 0, 16, 'AES'), new IvParameterSpec(keyAndIv, 16, 16))
    new String(cipher.doFinal(body), StandardCharsets.UTF_8)
}

String encrypted(List<String> arguments) {
    def process = (['mvn', '-B'] + arguments).execute()
    def output = process.text
    assert process.waitFor() == 0: output
    ciphertext(output)
}

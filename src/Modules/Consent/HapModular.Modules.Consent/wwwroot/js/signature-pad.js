// Signature pad of the link declaration form: the patient signs on the screen (mouse, pen or finger); the drawing
// is sent as PNG data in the hidden "Signature" field. The upload/signature radios show one panel at a time.
(function () {
    'use strict';
    var canvas = document.getElementById('signature-pad');
    var field = document.getElementById('Signature');
    var form = document.getElementById('declare-link');
    if (!canvas || !field || !form) { return; }

    var context = canvas.getContext('2d');
    context.lineWidth = 2.5;
    context.lineCap = 'round';
    context.strokeStyle = '#10243e';
    var drawing = false;
    var signed = false;

    function point(event) {
        var box = canvas.getBoundingClientRect();
        return { x: (event.clientX - box.left) * canvas.width / box.width, y: (event.clientY - box.top) * canvas.height / box.height };
    }

    canvas.addEventListener('pointerdown', function (event) {
        drawing = true;
        canvas.setPointerCapture(event.pointerId);
        var p = point(event);
        context.beginPath();
        context.moveTo(p.x, p.y);
        event.preventDefault();
    });
    canvas.addEventListener('pointermove', function (event) {
        if (!drawing) { return; }
        var p = point(event);
        context.lineTo(p.x, p.y);
        context.stroke();
        signed = true;
        event.preventDefault();
    });
    ['pointerup', 'pointercancel', 'pointerleave'].forEach(function (name) {
        canvas.addEventListener(name, function () { drawing = false; });
    });

    document.getElementById('signature-clear').addEventListener('click', function () {
        context.clearRect(0, 0, canvas.width, canvas.height);
        signed = false;
        field.value = '';
    });

    var upload = document.getElementById('proof-upload');
    var signature = document.getElementById('proof-signature');
    function showPanels() {
        document.getElementById('upload-panel').hidden = !upload.checked;
        document.getElementById('signature-panel').hidden = !signature.checked;
    }
    upload.addEventListener('change', showPanels);
    signature.addEventListener('change', showPanels);
    showPanels();

    form.addEventListener('submit', function () {
        field.value = signature.checked && signed ? canvas.toDataURL('image/png') : '';
    });
})();

// The evidence form, enhanced: the same multipart form sent by XMLHttpRequest, so that its upload progress can be
// shown (a <progress> bar, and a polite live region for screen readers in steps of ten per cent). Without
// JavaScript, or in a browser without XMLHttpRequest upload events, the plain form posts as it is. The server's
// answer is the page itself: a success is followed to its page; a refusal's page replaces this one's main content.
// No inline script anywhere: the Content-Security-Policy allows scripts from this origin only.

function errorSummary (form, message) {
  const holder = document.getElementById('evidence-errors')
  if (!holder) {
    return
  }
  const summary = document.createElement('div')
  summary.className = 'govuk-error-summary'
  summary.setAttribute('tabindex', '-1')
  const alert = document.createElement('div')
  alert.setAttribute('role', 'alert')
  const heading = document.createElement('h2')
  heading.className = 'govuk-error-summary__title'
  heading.textContent = form.dataset.summaryTitle
  const body = document.createElement('div')
  body.className = 'govuk-error-summary__body'
  const list = document.createElement('ul')
  list.className = 'govuk-list govuk-error-summary__list'
  const item = document.createElement('li')
  const link = document.createElement('a')
  link.href = '#file'
  link.textContent = message
  item.appendChild(link)
  list.appendChild(item)
  body.appendChild(list)
  alert.appendChild(heading)
  alert.appendChild(body)
  summary.appendChild(alert)
  holder.replaceChildren(summary)
  summary.focus()
}

function enhance (form) {
  const progress = form.querySelector('.grants-upload-progress')
  const bar = form.querySelector('progress')
  const status = form.querySelector('#upload-status')
  const button = form.querySelector('button[type="submit"]')
  const input = form.querySelector('input[type="file"]')
  if (!progress || !bar || !status || !button || !input) {
    return
  }
  form.addEventListener('submit', function (event) {
    const file = input.files && input.files[0]
    if (!file) {
      return // the server says a file is needed, as it does without JavaScript
    }
    event.preventDefault()
    if (file.size > Number(form.dataset.maxBytes)) {
      errorSummary(form, form.dataset.tooLarge)
      return
    }
    const request = new XMLHttpRequest()
    let announced = -10
    progress.hidden = false
    bar.value = 0
    button.disabled = true
    request.upload.addEventListener('progress', function (progressEvent) {
      if (!progressEvent.lengthComputable) {
        return
      }
      const percent = Math.floor(progressEvent.loaded * 100 / progressEvent.total)
      bar.value = percent
      if (percent - announced >= 10) {
        announced = percent
        status.textContent = status.dataset.template.replace('{0}', String(percent))
      }
    })
    request.upload.addEventListener('load', function () {
      bar.value = 100
      status.textContent = status.dataset.done
    })
    request.addEventListener('load', function () {
      if (request.status >= 200 && request.status < 300 && request.responseURL &&
          request.responseURL !== form.action) {
        window.location.assign(request.responseURL)
        return
      }
      const page = new DOMParser().parseFromString(request.responseText, 'text/html')
      const main = page.querySelector('main')
      if (!main) {
        button.disabled = false
        errorSummary(form, form.dataset.failed)
        return
      }
      document.querySelector('main').replaceWith(document.adoptNode(main))
      document.title = page.title
      const again = document.querySelector('form.grants-evidence-upload')
      if (again) {
        enhance(again)
      }
      const summary = document.querySelector('.govuk-error-summary')
      if (summary) {
        summary.setAttribute('tabindex', '-1')
        summary.focus()
      }
    })
    request.addEventListener('error', function () {
      progress.hidden = true
      button.disabled = false
      errorSummary(form, form.dataset.failed)
    })
    request.open('POST', form.action)
    request.send(new FormData(form))
  })
}

const form = document.querySelector('form.grants-evidence-upload')
if (form && window.XMLHttpRequest && window.FormData && 'upload' in new XMLHttpRequest()) {
  enhance(form)
}
